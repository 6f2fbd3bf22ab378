using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.CashierDays;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class CashierDayTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays(BillingService.TimeZoneId, new(8, 30), new(17, 30));

    private static string Today => Billing.Day(BillingService.LocalToday);

    private static async Task<PaymentResponse> PayAsync(HttpClient cashier, Guid unitId, decimal amount, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/payments/counter") { Content = JsonContent.Create(new { unitId, amount, method }) };
        request.Headers.Add(PaymentsApi.IdempotencyHeader, Guid.NewGuid().ToString());
        var response = await cashier.SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PaymentResponse>(ApiJson.Options, Ct))!;
    }

    private static Task<HttpResponseMessage> DepositAsync(HttpClient client, Guid estateId, decimal amount, string slip, string? day = null, string? cashier = null) =>
        client.PostAsJsonAsync("/api/billing/cashier-days/deposits", new { estateId, day = day ?? Today, cashier, amount, bankSlipRef = slip }, Ct);

    private async Task<CashierDaysResponse> ReconcileAsync(Guid estateId, string? day = null) =>
        (await billing.Manager(estateId).GetFromJsonAsync<CashierDaysResponse>(
            $"/api/billing/cashier-days?estateId={estateId}&day={day ?? Today}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task Each_cashiers_payments_receipts_cash_and_card_are_reconciled_for_the_estate_local_day()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var (wang, li) = (billing.Cashier(estateId), billing.Cashier(estateId));
        var first = await PayAsync(wang, unitId, 100m, "cash");
        await PayAsync(wang, unitId, 30.5m, "card");
        var third = await PayAsync(wang, unitId, 20m, "cash");
        var other = await PayAsync(li, unitId, 7m, "cash");

        var days = await ReconcileAsync(estateId);

        var wangDay = days.Cashiers.Single(c => c.Cashier == first.ReceivedBy);
        (wangDay.Payments, wangDay.Cash, wangDay.Card, wangDay.Deposited, wangDay.CashNotDeposited).Should().Be((3, 120m, 30.5m, 0m, 120m));
        wangDay.ReceiptNumbers.Should().HaveCount(3).And.Contain([first.ReceiptNumber, third.ReceiptNumber]);
        wangDay.DepositDueAt.Should().NotBeNull();
        Shanghai.ToLocal(wangDay.DepositDueAt!.Value).TimeOfDay.Should().Be(TimeSpan.FromHours(17));
        var liDay = days.Cashiers.Single(c => c.Cashier == other.ReceivedBy);
        (liDay.Payments, liDay.Cash).Should().Be((1, 7m));
    }

    [Fact]
    public async Task A_deposit_covering_the_days_cash_meets_the_1700_deadline_and_no_breach_is_recorded()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        await PayAsync(cashier, unitId, 100m, "cash");

        var partly = await DepositAsync(cashier, estateId, 60m, $"SLIP-{Guid.NewGuid():N}");
        (await partly.Content.ReadFromJsonAsync<CashierDayResponse>(ApiJson.Options, Ct))!.DepositMet.Should().BeFalse("40.00 is still in the drawer");
        var response = await DepositAsync(cashier, estateId, 40m, $"SLIP-{Guid.NewGuid():N}");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var day = (await response.Content.ReadFromJsonAsync<CashierDayResponse>(ApiJson.Options, Ct))!;
        (day.Deposited, day.CashNotDeposited, day.DepositMet, day.DepositBreached).Should().Be((100m, 0m, true, false));
        day.Deposits.Should().HaveCount(2).And.OnlyContain(d => d.RecordedBy == day.Cashier);
        await billing.Services.GetRequiredService<SlaMonitor<BillingDbContext>>().CheckAsync(Ct);
        (await billing.QueryAsync(db => db.Set<SlaEvent>().CountAsync(e => e.EstateId == estateId && e.Kind == SlaEventKind.Breached, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Cash_taken_after_the_days_cash_was_deposited_puts_the_deposit_deadline_back_on()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        await PayAsync(cashier, unitId, 100m, "cash");
        var deposited = await DepositAsync(cashier, estateId, 100m, $"SLIP-{Guid.NewGuid():N}");
        (await deposited.Content.ReadFromJsonAsync<CashierDayResponse>(ApiJson.Options, Ct))!.DepositMet.Should().BeTrue();

        var later = await PayAsync(cashier, unitId, 50m, "cash");

        var day = (await ReconcileAsync(estateId)).Cashiers.Single(c => c.Cashier == later.ReceivedBy);
        (day.Cash, day.Deposited, day.CashNotDeposited, day.DepositMet).Should().Be((150m, 100m, 50m, false), "the later 50.00 is in the drawer, not in the bank");
        day.DepositDueAt.Should().BeAfter(DateTimeOffset.UtcNow, "the deadline runs again: today's 17:00, or tomorrow's when the cash came after it");
        var rest = await DepositAsync(cashier, estateId, 50m, $"SLIP-{Guid.NewGuid():N}");
        (await rest.Content.ReadFromJsonAsync<CashierDayResponse>(ApiJson.Options, Ct))!.DepositMet.Should().BeTrue();
    }

    [Fact]
    public async Task Cash_not_deposited_by_1700_estate_time_is_a_breach_for_the_estate_manager_and_a_late_deposit_does_not_undo_it()
    {
        var estateId = await billing.NewEstateAsync();
        var yesterday = BillingService.LocalToday.AddDays(-1);
        var cashier = $"cashier-{Guid.NewGuid():N}";
        var dayId = await billing.QueryAsync(async db =>
        {
            var day = CashierDay.Open(estateId, cashier, yesterday, Shanghai, Shanghai.ToInstant(yesterday, new TimeOnly(9, 0)));
            db.CashierDays.Add(day);
            await db.SaveChangesAsync(Ct);
            return day.Id;
        });

        await billing.Services.GetRequiredService<SlaMonitor<BillingDbContext>>().CheckAsync(Ct);

        var breach = await billing.QueryAsync(db => db.Set<SlaEvent>().SingleAsync(e => e.SubjectId == dayId && e.Kind == SlaEventKind.Breached, Ct));
        (breach.Policy, breach.NotifiedRole, breach.Subject).Should().Be(("cash-deposit-by-1700", PlatformRoles.EstateManager, "cashier-day"));
        Shanghai.ToLocal(breach.DueAt).Should().Be(new DateTimeOffset(yesterday.ToDateTime(new TimeOnly(17, 0)), TimeSpan.FromHours(8)));
        (await billing.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType.StartsWith(typeof(SlaBreached).FullName + ","), Ct))).Should().BePositive();
        var manager = billing.CreateClient(TestSupport.Auth.TestCaller.Staff(PlatformRoles.EstateManager, estateId));
        var late = await DepositAsync(manager, estateId, 0.01m, $"SLIP-{Guid.NewGuid():N}", Billing.Day(yesterday), cashier);
        late.StatusCode.Should().Be(HttpStatusCode.OK, await late.Content.ReadAsStringAsync(Ct));
        var day = (await late.Content.ReadFromJsonAsync<CashierDayResponse>(ApiJson.Options, Ct))!;
        (day.DepositMet, day.DepositBreached).Should().Be((false, true));
    }

    [Fact]
    public async Task A_handover_to_finance_with_a_cash_discrepancy_must_be_explained_and_is_recorded_once()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        await PayAsync(cashier, unitId, 100m, "cash");
        (await DepositAsync(cashier, estateId, 90m, $"SLIP-{Guid.NewGuid():N}")).StatusCode.Should().Be(HttpStatusCode.OK);

        var unexplained = await cashier.PostAsJsonAsync("/api/billing/cashier-days/handover", new { estateId, day = Today }, Ct);
        (await unexplained.ErrorFieldsAsync()).Should().Equal("explanation");
        var explained = await cashier.PostAsJsonAsync("/api/billing/cashier-days/handover", new { estateId, day = Today, explanation = "10.00 short: change given twice" }, Ct);
        explained.StatusCode.Should().Be(HttpStatusCode.OK, await explained.Content.ReadAsStringAsync(Ct));
        var day = (await explained.Content.ReadFromJsonAsync<CashierDayResponse>(ApiJson.Options, Ct))!;
        (day.HandoverDifference, day.HandoverExplanation, day.HandedOverBy).Should().Be((10m, "10.00 short: change given twice", day.Cashier));
        (await cashier.PostAsJsonAsync("/api/billing/cashier-days/handover", new { estateId, day = Today, explanation = "again" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bank_slip_is_recorded_once()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        await PayAsync(cashier, unitId, 100m, "cash");
        var slip = $"SLIP-{Guid.NewGuid():N}";

        (await DepositAsync(cashier, estateId, 50m, slip)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await DepositAsync(cashier, estateId, 50m, slip)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await ReconcileAsync(estateId)).Cashiers.Single().Deposited.Should().Be(50m);
    }

    [Fact]
    public async Task Bad_deposit_input_is_refused_naming_every_field_and_nothing_is_stored()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var cashier = billing.Cashier(estateId);
        await PayAsync(cashier, unitId, 100m, "cash");

        var response = await cashier.PostAsJsonAsync("/api/billing/cashier-days/deposits", new { estateId, day = "yesterday", amount = 10.005m, bankSlipRef = " " }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("day", "amount", "bankSlipRef");
        (await billing.QueryAsync(db => db.CashDeposits.CountAsync(d => d.EstateId == estateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task A_cashier_cannot_record_another_cashiers_deposit_nor_one_in_another_estate()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var payment = await PayAsync(billing.Cashier(estateId), unitId, 100m, "cash");

        (await DepositAsync(billing.Cashier(estateId), estateId, 100m, $"SLIP-{Guid.NewGuid():N}", cashier: payment.ReceivedBy))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DepositAsync(billing.Cashier(await billing.NewEstateAsync()), estateId, 100m, $"SLIP-{Guid.NewGuid():N}"))
            .StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        (await billing.QueryAsync(db => db.CashDeposits.CountAsync(d => d.EstateId == estateId, Ct))).Should().Be(0);
    }
}
