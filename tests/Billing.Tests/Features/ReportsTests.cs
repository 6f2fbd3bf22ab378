using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Billing.Features.Reports;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class ReportsTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays(BillingService.TimeZoneId, new(8, 30), new(17, 30));

    private static string ThisMonth => Billing.Month(BillingService.LocalToday);

    /// <summary>A unit charged today (so due this month and this week): 100.00 of parking and 40.00 of a paid service; returns the estate and unit.</summary>
    private async Task<(Guid EstateId, Guid UnitId)> ChargedTodayAsync()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var parking = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, "parking", 100m, "CNY", "security-gate", Guid.NewGuid(), "Overstay");
        var repair = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, "paid-service", 40m, "CNY", "maintenance", Guid.NewGuid(), "Tap");
        // One after the other, so parking is booked first and is the oldest item a payment settles.
        await billing.Bus.Publish(parking, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", parking.EventId);
        await billing.Bus.Publish(repair, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", repair.EventId);
        return (estateId, unitId);
    }

    private static async Task<PaymentResponse> PayAsync(HttpClient cashier, Guid unitId, decimal amount, string method = "cash")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount, method }) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var response = await cashier.SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
    }

    [Fact]
    public async Task The_monthly_collection_summary_gives_what_fell_due_what_was_collected_and_the_rate_per_fee_item()
    {
        var (estateId, unitId) = await ChargedTodayAsync();
        await PayAsync(billing.Cashier(estateId), unitId, 120m, "card");

        var summary = (await billing.Manager(estateId).GetFromJsonAsync<CollectionSummaryResponse>(
            $"/api/billing/reports/collection/monthly?estateId={estateId}&month={ThisMonth}", ApiJson.Options, Ct))!;

        (summary.AmountDue, summary.Collected, summary.CollectionRate, summary.Received).Should().Be((140m, 120m, 0.8571m, 120m));
        summary.ByFeeItem.Should().BeEquivalentTo([
            new FeeItemCollected("parking", 1, 1, 100m, 100m, 1m),
            new FeeItemCollected("paid-service", 1, 0, 40m, 20m, 0.5m),
        ]);
        summary.ReceivedByMethod.Should().Equal(new MethodTotal("card", 1, 120m));
        summary.DueAt.Should().NotBeNull("the month's first collection opened its summary, due by the 26th");
        Shanghai.ToLocal(summary.DueAt!.Value).Day.Should().Be(27, "due at the end of the 26th, estate time");
    }

    [Fact]
    public async Task Corrections_lower_what_fell_due_while_write_offs_and_reversed_payments_count_as_not_collected()
    {
        var (estateId, unitId) = await ChargedTodayAsync();
        var manager = billing.Manager(estateId);
        var account = (await billing.Cashier(estateId).GetFromJsonAsync<PropertyPlatform.Billing.Features.Accounts.AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct))!;
        async Task AdjustAsync(string feeItem, string kind, decimal amount)
        {
            var response = await manager.PostAsJsonAsync(
                $"/api/billing/receivables/{account.OpenItems.Single(i => i.FeeItem == feeItem).Id}/adjustments", new { kind, amount, reason = "Test" }, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }

        await AdjustAsync("paid-service", "correction", 40m);
        await AdjustAsync("parking", "write-off", 20m);
        var paid = await PayAsync(billing.Cashier(estateId), unitId, 80m, "card");
        Task<CollectionSummaryResponse?> SummaryAsync() => manager.GetFromJsonAsync<CollectionSummaryResponse>(
            $"/api/billing/reports/collection/monthly?estateId={estateId}&month={ThisMonth}", ApiJson.Options, Ct);

        var summary = (await SummaryAsync())!;
        (summary.AmountDue, summary.Collected, summary.CollectionRate, summary.Received).Should().Be((100m, 80m, 0.8m, 80m));
        summary.ByFeeItem.Should().ContainSingle("the corrected item owes nothing: it was not due").Which.FeeItem.Should().Be("parking");

        (await manager.PostAsJsonAsync($"/api/billing/payments/{paid.Id}/reversal", new { reason = "Wrong unit" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var reversed = (await SummaryAsync())!;
        (reversed.Collected, reversed.Received).Should().Be((0m, 0m), "a reversed payment collected nothing");
    }

    [Fact]
    public async Task A_weekly_summary_covers_monday_to_sunday_and_is_submitted_once_the_week_has_ended()
    {
        var (estateId, unitId) = await ChargedTodayAsync();
        await PayAsync(billing.Cashier(estateId), unitId, 100m);
        var manager = billing.Manager(estateId);
        var monday = ReportsApi.WeekOf(BillingService.LocalToday);

        var week = (await manager.GetFromJsonAsync<CollectionSummaryResponse>(
            $"/api/billing/reports/collection/weekly?estateId={estateId}&week={Billing.Day(BillingService.LocalToday)}", ApiJson.Options, Ct))!;
        (week.From, week.To, week.AmountDue, week.Collected).Should().Be((monday, monday.AddDays(6), 140m, 100m));

        (await manager.PostAsJsonAsync("/api/billing/reports/collection/weekly/submit", new { estateId, week = Billing.Day(monday) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "this week has not ended");
        var lastWeek = await manager.PostAsJsonAsync("/api/billing/reports/collection/weekly/submit", new { estateId, week = Billing.Day(monday.AddDays(-3)) }, Ct);
        lastWeek.StatusCode.Should().Be(HttpStatusCode.OK, await lastWeek.Content.ReadAsStringAsync(Ct));
        (await lastWeek.Content.ReadFromJsonAsync<CollectionSummaryResponse>(ApiJson.Options, Ct))!.From.Should().Be(monday.AddDays(-7));
        (await manager.PostAsJsonAsync("/api/billing/reports/collection/weekly/submit", new { estateId, week = Billing.Day(monday.AddDays(-7)) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a week's summary is submitted once");
        (await billing.Cashier(estateId).PostAsJsonAsync("/api/billing/reports/collection/weekly/submit", new { estateId, week = Billing.Day(monday.AddDays(-14)) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "the estate manager submits summaries");
    }

    [Fact]
    public async Task A_monthly_summary_not_submitted_by_the_26th_is_a_breach_for_the_estate_manager()
    {
        var estateId = await billing.NewEstateAsync();
        var lastMonth = BillingService.LastMonth;
        var summaryId = await billing.QueryAsync(async db =>
        {
            var summary = MonthlyCollectionSummary.Open(estateId, lastMonth, Shanghai, DateTimeOffset.UtcNow.AddDays(-40));
            db.MonthlySummaries.Add(summary);
            await db.SaveChangesAsync(Ct);
            return summary.Id;
        });

        await billing.Services.GetRequiredService<SlaMonitor<BillingDbContext>>().CheckAsync(Ct);

        var breach = await billing.QueryAsync(db => db.Set<SlaEvent>().SingleAsync(e => e.SubjectId == summaryId && e.Kind == SlaEventKind.Breached, Ct));
        (breach.Policy, breach.NotifiedRole).Should().Be(("monthly-collection-summary-by-26th", PlatformRoles.EstateManager));
        Shanghai.ToLocal(breach.DueAt).Should().Be(new DateTimeOffset(lastMonth.AddDays(26).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
        var late = await billing.Manager(estateId).PostAsJsonAsync("/api/billing/reports/collection/monthly/submit", new { estateId, month = Billing.Month(lastMonth) }, Ct);
        late.StatusCode.Should().Be(HttpStatusCode.OK, await late.Content.ReadAsStringAsync(Ct));
        var kpis = (await billing.Manager(estateId).GetFromJsonAsync<KpiReport>($"/api/billing/kpis?estateId={estateId}&month={Billing.Month(lastMonth)}", ApiJson.Options, Ct))!;
        var monthly = kpis.Kpis.Single(k => k.Key == "monthly-summary-by-26th");
        (monthly.Numerator, monthly.Denominator).Should().Be((0, 1), "submitted late");
    }

    [Fact]
    public async Task A_month_without_a_single_payment_still_has_its_summary_watched_and_breaches_on_the_27th()
    {
        var estateId = await billing.NewEstateAsync();
        var lastMonth = BillingService.LastMonth;
        // The scheduler's pass on the second local day of last month: the estate took no payment all month.
        var secondOfLastMonth = Shanghai.ToInstant(lastMonth.AddDays(1), new TimeOnly(9, 0));

        var opened = await billing.QueryAsync(db => MonthlySummaryScheduler.OpenDueAsync(db, secondOfLastMonth, estateId, Ct));
        var again = await billing.QueryAsync(db => MonthlySummaryScheduler.OpenDueAsync(db, secondOfLastMonth.AddHours(1), estateId, Ct));

        (opened, again).Should().Be((1, 0), "one summary per estate and month, however often the pass runs");
        var summary = await billing.QueryAsync(db => db.MonthlySummaries.SingleAsync(s => s.EstateId == estateId && s.Month == lastMonth, Ct));
        Shanghai.ToLocal(summary.Due.DueAt).Should().Be(new DateTimeOffset(lastMonth.AddDays(26).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
        await billing.Services.GetRequiredService<SlaMonitor<BillingDbContext>>().CheckAsync(Ct);
        var breach = await billing.QueryAsync(db => db.Set<SlaEvent>().SingleAsync(e => e.SubjectId == summary.Id && e.Kind == SlaEventKind.Breached, Ct));
        breach.NotifiedRole.Should().Be(PlatformRoles.EstateManager);
    }

    [Fact]
    public async Task Billing_KPIs_measure_the_collection_rate_deposits_by_1700_and_the_monthly_summary_by_the_26th()
    {
        var (estateId, unitId) = await ChargedTodayAsync();
        var cashier = billing.Cashier(estateId);
        await PayAsync(cashier, unitId, 100m);
        (await cashier.PostAsJsonAsync("/api/billing/cashier-days/deposits",
            new { estateId, day = Billing.Day(BillingService.LocalToday), amount = 100m, bankSlipRef = $"SLIP-{Guid.NewGuid():N}" }, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await billing.Manager(estateId).PostAsJsonAsync("/api/billing/reports/collection/monthly/submit", new { estateId, month = ThisMonth }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var report = (await billing.Manager(estateId).GetFromJsonAsync<KpiReport>($"/api/billing/kpis?estateId={estateId}&month={ThisMonth}", ApiJson.Options, Ct))!;

        var kpis = report.Kpis.ToDictionary(k => k.Key);
        kpis.Keys.Should().BeEquivalentTo("collection-rate", "deposits-by-1700", "weekly-summary", "monthly-summary-by-26th");
        (kpis["collection-rate"].Numerator, kpis["collection-rate"].Denominator, kpis["collection-rate"].Actual).Should().Be((1, 2, 0.5m));
        (kpis["deposits-by-1700"].Numerator, kpis["deposits-by-1700"].Denominator).Should().Be((1, 1));
        // Due by the end of the 26th, estate time: submitted today, it is on time up to then and late on the 27th-31st.
        var submittedInTime = BillingService.LocalToday.Day <= 26 ? 1 : 0;
        (kpis["monthly-summary-by-26th"].Numerator, kpis["monthly-summary-by-26th"].Denominator).Should().Be((submittedInTime, 1));
        var first = new DateOnly(BillingService.LocalToday.Year, BillingService.LocalToday.Month, 1);
        var endedWeeks = Enumerable.Range(0, DateTime.DaysInMonth(first.Year, first.Month)).Select(first.AddDays)
            .Count(d => d.DayOfWeek == DayOfWeek.Monday && d.AddDays(7) <= BillingService.LocalToday);
        (kpis["weekly-summary"].Numerator, kpis["weekly-summary"].Denominator).Should().Be((0, endedWeeks), "no weekly summary was submitted");
    }

    [Fact]
    public async Task Reports_download_as_xlsx_with_the_same_figures()
    {
        var (estateId, unitId) = await ChargedTodayAsync();
        await PayAsync(billing.Cashier(estateId), unitId, 100m);

        var response = await billing.Manager(estateId).GetAsync($"/api/billing/reports/collection/monthly?estateId={estateId}&month={ThisMonth}&format=xlsx", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync(Ct));
        var summary = workbook.Worksheet("Summary");
        (summary.Cell(2, 5).GetValue<decimal>(), summary.Cell(2, 6).GetValue<decimal>()).Should().Be((140m, 100m));
        workbook.Worksheet("By fee item").Cell(2, 1).GetString().Should().BeOneOf("parking", "paid-service");
        var arrears = await billing.Manager(estateId).GetAsync($"/api/billing/reports/arrears?estateId={estateId}&format=xlsx", Ct);
        using var arrearsBook = new XLWorkbook(await arrears.Content.ReadAsStreamAsync(Ct));
        arrearsBook.Worksheet("Aging").Cell(2, 1).GetString().Should().Be("0-30");
    }

    [Fact]
    public async Task The_collection_rate_is_given_per_estate_and_fee_item_for_every_estate_the_caller_sees()
    {
        var (first, firstUnit) = await ChargedTodayAsync();
        var (second, _) = await ChargedTodayAsync();
        await PayAsync(billing.Cashier(first), firstUnit, 140m);

        var rates = (await billing.CreateClient(TestSupport.Auth.TestCaller.Staff(PlatformRoles.EstateManager, first, second))
            .GetFromJsonAsync<CollectionRateResponse>($"/api/billing/reports/collection-rate?month={ThisMonth}", ApiJson.Options, Ct))!;

        rates.Rates.Where(r => r.EstateId == first).Select(r => (r.FeeItem, r.Rate)).Should().BeEquivalentTo([("parking", (decimal?)1m), ("paid-service", 1m)]);
        rates.Rates.Where(r => r.EstateId == second).Should().HaveCount(2).And.OnlyContain(r => r.Rate == 0m);
        rates.Rates.Select(r => r.EstateId).Distinct().Should().BeEquivalentTo([first, second], "an estate the caller is not assigned to is not shown");
    }

    [Fact]
    public async Task Bad_report_input_is_refused_naming_every_field()
    {
        var estateId = await billing.NewEstateAsync();

        var response = await billing.Manager(estateId).GetAsync($"/api/billing/reports/collection/monthly?estateId={estateId}&month=13-2026&format=pdf", Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("month", "format");
    }
}
