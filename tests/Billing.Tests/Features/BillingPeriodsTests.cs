using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.Billing.Features.Terms;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>Runs per period as the estate bills the fee item: a month, a quarter or a year, prorated per day of each month.</summary>
public sealed class BillingPeriodsTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The first day of the last quarter that has ended in the test estates.</summary>
    private static DateOnly LastQuarter => new DateOnly(BillingService.LocalToday.Year, (((BillingService.LocalToday.Month - 1) / 3) * 3) + 1, 1).AddMonths(-3);

    private static string Quarter(DateOnly first) => $"{first.Year}-Q{((first.Month - 1) / 3) + 1}";

    private static decimal Cny(decimal exact) => decimal.Round(exact, 2, MidpointRounding.AwayFromZero);

    private Task<List<Bill>> BillsAsync(Guid estateId) => billing.QueryAsync(db => db.Bills.Where(b => b.EstateId == estateId).ToListAsync(Ct));

    /// <summary>An estate at 3.00 CNY/m² for a long time, billing the management fee <paramref name="frequency"/>.</summary>
    private async Task<Guid> EstateAsync(string frequency)
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, LastQuarter.AddYears(-2));
        await billing.SetFrequencyAsync(estateId, frequency);
        return estateId;
    }

    [Fact]
    public async Task A_quarterly_run_bills_three_months_per_day_with_a_move_in_prorated_in_its_second_month()
    {
        var estateId = await EstateAsync("quarterly");
        var (allQuarter, _) = await billing.UnitAsync(estateId, 90m, LastQuarter.AddYears(-1));
        var secondMonth = LastQuarter.AddMonths(1);
        var (fromThe11th, _) = await billing.UnitAsync(estateId, 90m, secondMonth.AddDays(10));
        var daysInSecond = DateTime.DaysInMonth(secondMonth.Year, secondMonth.Month);
        var prorated = Cny(3m * 90m * (daysInSecond - 10) / daysInSecond);

        var run = await billing.RunAsync(estateId, Quarter(LastQuarter));

        (run.Status, run.Period, run.PeriodFrom, run.PeriodTo).Should().Be(("Posted", Quarter(LastQuarter), LastQuarter, LastQuarter.AddMonths(3).AddDays(-1)));
        var bills = await BillsAsync(estateId);
        var full = bills.Single(b => b.UnitId == allQuarter);
        full.Total.Should().Be(3 * 270m, "a quarter of full occupancy is exactly three monthly fees");
        full.Lines.Select(l => (l.Days, l.DaysInPeriod, l.Amount)).Should().Equal(
            LastQuarter.Months3().Select(m => (DateTime.DaysInMonth(m.Year, m.Month), DateTime.DaysInMonth(m.Year, m.Month), 270m)));
        var moved = bills.Single(b => b.UnitId == fromThe11th);
        moved.Total.Should().Be(prorated + 270m);
        moved.Lines.Select(l => (l.Days, l.DaysInPeriod, l.Amount)).Should().Equal((daysInSecond - 10, daysInSecond, prorated), (DateTime.DaysInMonth(LastQuarter.AddMonths(2).Year, LastQuarter.AddMonths(2).Month), DateTime.DaysInMonth(LastQuarter.AddMonths(2).Year, LastQuarter.AddMonths(2).Month), 270m));
        moved.Lines[0].Explanation.Should().Contain($"{Billing.Day(secondMonth.AddDays(10))}..").And.Contain($"× {daysInSecond - 10}/{daysInSecond} days", "each line names its month's days");
        var bill = await billing.Manager(estateId).GetFromJsonAsync<BillResponse>($"/api/billing/bills/{moved.Id}", ApiJson.Options, Ct);
        (bill!.Period, bill.PeriodFrom, bill.PeriodTo).Should().Be((Quarter(LastQuarter), LastQuarter, LastQuarter.AddMonths(3).AddDays(-1)));
    }

    [Fact]
    public async Task A_yearly_run_bills_twelve_months_of_the_year()
    {
        var estateId = await EstateAsync("yearly");
        var lastYear = new DateOnly(BillingService.LocalToday.Year - 1, 1, 1);
        var (unitId, _) = await billing.UnitAsync(estateId, 90m, lastYear.AddYears(-1));

        var run = await billing.RunAsync(estateId, $"{lastYear.Year}");

        (run.Status, run.Period, run.PeriodFrom, run.PeriodTo, run.Total).Should().Be(("Posted", $"{lastYear.Year}", lastYear, new DateOnly(lastYear.Year, 12, 31), 12 * 270m));
        (await BillsAsync(estateId)).Should().ContainSingle().Which.Lines.Should().HaveCount(12).And.OnlyContain(l => l.Amount == 270m);
        var preview = await billing.Manager(estateId).PostAsJsonAsync("/api/billing/runs/preview", new { estateId, period = $"{lastYear.Year}", feeItem = "management-fee" }, Ct);
        (await preview.Content.ReadFromJsonAsync<BillingRunPreviewResponse>(ApiJson.Options, Ct))!.Bills.Should().ContainSingle().Which.UnitId.Should().Be(unitId);
    }

    [Fact]
    public async Task A_period_not_written_as_the_fee_items_frequency_is_refused_naming_the_period()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "management-fee", 3m, LastQuarter.AddYears(-1));
        await billing.UnitAsync(estateId, 90m, LastQuarter.AddYears(-1));
        var manager = billing.Manager(estateId);

        var quarterOfMonthly = await billing.StartRunAsync(estateId, Quarter(LastQuarter));
        await billing.SetFrequencyAsync(estateId, "quarterly");
        var monthOfQuarterly = await billing.StartRunAsync(estateId, LastQuarter);
        var garbled = await billing.StartRunAsync(estateId, "2026-Q5");
        var notBegun = await billing.StartRunAsync(estateId, Quarter(LastQuarter.AddMonths(6)));
        var badFrequency = await manager.PutAsJsonAsync($"/api/billing/estates/{estateId}/fee-items/management-fee/frequency", new { frequency = "weekly" }, Ct);

        (await quarterOfMonthly.ErrorFieldsAsync()).Should().Equal("period");
        (await monthOfQuarterly.ErrorFieldsAsync()).Should().Equal("period");
        (await garbled.ErrorFieldsAsync()).Should().Equal("period");
        (await notBegun.ErrorFieldsAsync()).Should().Equal("period");
        (await badFrequency.ErrorFieldsAsync()).Should().Equal("frequency");
        (await billing.QueryAsync(db => db.Runs.CountAsync(r => r.EstateId == estateId, Ct))).Should().Be(0);
        var terms = await manager.GetFromJsonAsync<BillingTermsResponse>($"/api/billing/estates/{estateId}/billing-terms", ApiJson.Options, Ct);
        terms!.Frequencies.Should().Contain(new FeeItemFrequencyResponse("management-fee", "quarterly")).And.Contain(new FeeItemFrequencyResponse("parking", "monthly"));
        (await billing.Manager(await billing.NewEstateAsync()).PutAsJsonAsync($"/api/billing/estates/{estateId}/fee-items/management-fee/frequency", new { frequency = "yearly" }, Ct))
            .StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_quarter_overlapping_a_posted_month_after_the_frequency_changed_is_refused_and_bills_nothing()
    {
        var estateId = await EstateAsync("monthly");
        await billing.UnitAsync(estateId, 90m, LastQuarter.AddYears(-1));
        var month = await billing.RunAsync(estateId, LastQuarter.AddMonths(1));
        await billing.SetFrequencyAsync(estateId, "quarterly");

        var quarter = await billing.StartRunAsync(estateId, Quarter(LastQuarter));

        quarter.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await quarter.Content.ReadAsStringAsync(Ct)).Should().Contain(month.Id.ToString(), "the answer names the run that billed those days");
        (await billing.QueryAsync(db => db.Runs.CountAsync(r => r.EstateId == estateId, Ct))).Should().Be(1);
        (await BillsAsync(estateId)).Should().ContainSingle().Which.RunId.Should().Be(month.Id);
        (await billing.RunAsync(estateId, Quarter(LastQuarter.AddMonths(-3)))).Status.Should().Be("Posted", "a quarter that overlaps no run is billed");
    }
}

internal static class QuarterMonths
{
    public static IEnumerable<DateOnly> Months3(this DateOnly first) => [first, first.AddMonths(1), first.AddMonths(2)];
}
