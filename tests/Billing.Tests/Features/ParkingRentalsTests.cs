using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.ParkingRentals;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>Parking is billed per rented space and day, not per lived-in unit.</summary>
public sealed class ParkingRentalsTests(BillingService billing)
{
    private static readonly DateOnly Period = BillingService.LastMonth;
    private static readonly int DaysInPeriod = DateTime.DaysInMonth(Period.Year, Period.Month);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> EstateWithParkingRateAsync()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "parking", 300m, Period.AddYears(-1));
        return estateId;
    }

    private static Task<HttpResponseMessage> RentAsync(HttpClient client, Guid unitId, object body) =>
        client.PostAsJsonAsync($"/api/billing/units/{unitId}/parking-rentals", body, Ct);

    private async Task<ParkingRentalResponse> RentedAsync(Guid estateId, Guid unitId, string space, DateOnly from, DateOnly? until = null)
    {
        var response = await RentAsync(billing.Cashier(estateId), unitId, new { space, from = Billing.Day(from), until = until is { } u ? Billing.Day(u) : null });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ParkingRentalResponse>(ApiJson.Options, Ct))!;
    }

    private Task<List<Bill>> BillsAsync(Guid estateId) => billing.QueryAsync(db => db.Bills.Where(b => b.EstateId == estateId).ToListAsync(Ct));

    [Fact]
    public async Task Two_rented_spaces_bill_twice_the_rate_whether_or_not_anyone_lives_in_the_unit()
    {
        var estateId = await EstateWithParkingRateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await RentedAsync(estateId, unitId, "b1-023", Period.AddYears(-1));
        await RentedAsync(estateId, unitId, "B1-024", Period.AddMonths(-2));

        var run = await billing.RunAsync(estateId, Period, "parking");

        run.Status.Should().Be("Posted", run.LastError);
        var bill = (await BillsAsync(estateId)).Should().ContainSingle().Subject;
        (bill.UnitId, bill.Total).Should().Be((unitId, 600m));
        var month = $"{Billing.Day(Period)}..{Billing.Day(Period.AddDays(DaysInPeriod - 1))}: 300";
        bill.Lines.Should().SatisfyRespectively(
            first => first.Explanation.Should().StartWith($"parking space B1-023 {month}").And.EndWith($"CNY × 1 × {DaysInPeriod}/{DaysInPeriod} days"),
            second => second.Explanation.Should().StartWith($"parking space B1-024 {month}"));
    }

    [Fact]
    public async Task A_rental_ending_mid_month_is_prorated_to_its_last_day()
    {
        var estateId = await EstateWithParkingRateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, Period.AddYears(-1));
        var rental = await RentedAsync(estateId, unitId, "B1-001", Period.AddYears(-1));

        var ended = await billing.Cashier(estateId).PostAsJsonAsync(
            $"/api/billing/units/{unitId}/parking-rentals/{rental.Id}/end", new { until = Billing.Day(Period.AddDays(14)) }, Ct);

        ended.StatusCode.Should().Be(HttpStatusCode.OK, await ended.Content.ReadAsStringAsync(Ct));
        var preview = await billing.Manager(estateId).PostAsJsonAsync("/api/billing/runs/preview", new { estateId, period = Billing.Month(Period), feeItem = "parking" }, Ct);
        var bill = (await preview.Content.ReadFromJsonAsync<BillingRunPreviewResponse>(ApiJson.Options, Ct))!.Bills.Should().ContainSingle().Subject;
        bill.Lines.Should().ContainSingle().Which.Days.Should().Be(15, "the 15th is the last day rented");
        bill.Total.Should().Be(decimal.Round(300m * 15 / DaysInPeriod, 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task A_space_rented_to_another_unit_for_overlapping_days_is_refused_and_bad_fields_are_named()
    {
        var estateId = await EstateWithParkingRateAsync();
        var (first, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var (second, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await RentedAsync(estateId, first, "B1-007", Period, Period.AddDays(9));
        var cashier = billing.Cashier(estateId);

        var overlapping = await RentAsync(cashier, second, new { space = " b1-007 ", from = Billing.Day(Period.AddDays(9)) });
        var bad = await RentAsync(cashier, second, new { space = "B1 007!", from = Billing.Day(Period), until = Billing.Day(Period.AddDays(-1)) });
        var noDates = await RentAsync(cashier, second, new { space = "", from = "next week" });
        var stranger = await RentAsync(billing.Manager(await billing.NewEstateAsync()), second, new { space = "B1-008", from = Billing.Day(Period) });

        overlapping.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("space", "until");
        (await noDates.ErrorFieldsAsync()).Should().BeEquivalentTo("space", "from");
        stranger.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await RentedAsync(estateId, second, "B1-007", Period.AddDays(10));
        var listed = await cashier.GetFromJsonAsync<Page<ParkingRentalResponse>>($"/api/billing/units/{second}/parking-rentals?limit=1", ApiJson.Options, Ct);
        listed!.Items.Should().ContainSingle().Which.From.Should().Be(Period.AddDays(10));
        listed.NextCursor.Should().BeNull();
    }

    [Fact]
    public async Task A_unit_that_rents_no_space_has_no_parking_bill_even_when_lived_in()
    {
        var estateId = await EstateWithParkingRateAsync();
        var (renting, _) = await billing.UnitAsync(estateId, 80m, Period.AddYears(-1));
        await billing.UnitAsync(estateId, 80m, Period.AddYears(-1));
        await RentedAsync(estateId, renting, "P-1", Period.AddYears(-1));

        var run = await billing.RunAsync(estateId, Period, "parking");

        (run.Status, run.BillCount, run.Total).Should().Be(("Posted", 1, 300m));
        (await BillsAsync(estateId)).Should().ContainSingle().Which.UnitId.Should().Be(renting);
    }
}
