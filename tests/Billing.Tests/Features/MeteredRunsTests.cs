using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

/// <summary>Water and electricity runs: consumption between two readings × the rate, from staff's and reception's readings.</summary>
public sealed class MeteredRunsTests(BillingService billing)
{
    private static readonly DateOnly Period = BillingService.LastMonth;
    private static readonly DateOnly LastDay = Period.AddMonths(1).AddDays(-1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> EstateWithWaterRateAsync()
    {
        var estateId = await billing.NewEstateAsync();
        await billing.ApprovedRateAsync(estateId, "water", 3.5m, Period.AddYears(-1));
        return estateId;
    }

    private async Task ReadAsync(Guid estateId, Guid unitId, string meter, decimal reading, DateOnly readOn)
    {
        var response = await billing.Cashier(estateId).PostAsJsonAsync($"/api/billing/units/{unitId}/meter-readings", new { meter, reading, readOn = Billing.Day(readOn) }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<BillingRunPreviewResponse> PreviewAsync(Guid estateId, string feeItem = "water")
    {
        var response = await billing.Manager(estateId).PostAsJsonAsync("/api/billing/runs/preview", new { estateId, period = Billing.Month(Period), feeItem }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<BillingRunPreviewResponse>(ApiJson.Options, Ct))!;
    }

    private Task<List<Bill>> BillsAsync(Guid estateId) => billing.QueryAsync(db => db.Bills.Where(b => b.EstateId == estateId).ToListAsync(Ct));

    [Fact]
    public async Task A_water_run_bills_consumption_times_the_rate_with_an_explanation_the_owner_can_follow()
    {
        var estateId = await EstateWithWaterRateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await ReadAsync(estateId, unitId, "water", 1234.5m, Period.AddDays(-1));
        await ReadAsync(estateId, unitId, "water", 1240m, Period.AddDays(14));
        await ReadAsync(estateId, unitId, "water", 1246.7m, LastDay);

        var run = await billing.RunAsync(estateId, Period, "water");

        run.Status.Should().Be("Posted", run.LastError);
        var bill = (await BillsAsync(estateId)).Should().ContainSingle().Subject;
        (bill.UnitId, bill.FeeItem, bill.Total).Should().Be((unitId, FeeItem.Water, 42.70m), "12.200 m³ × 3.50");
        var line = bill.Lines.Should().ContainSingle().Subject;
        (line.Quantity, line.Rate).Should().Be((12.2m, 3.5m));
        line.Explanation.Should().Be(
            $"water {Billing.Day(Period)}..{Billing.Day(LastDay)}: 1234.500 ({Billing.Day(Period.AddDays(-1))}) → 1246.700 ({Billing.Day(LastDay)}) = 12.200 m³ × 3.50 CNY");
    }

    [Fact]
    public async Task A_unit_without_two_readings_is_not_billed_and_the_preview_counts_it()
    {
        var estateId = await EstateWithWaterRateAsync();
        var (read, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var (readOnce, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await ReadAsync(estateId, read, "water", 10m, Period.AddDays(-3));
        await ReadAsync(estateId, read, "water", 12m, Period.AddDays(20));
        await ReadAsync(estateId, readOnce, "water", 50m, Period.AddDays(-3));
        await ReadAsync(estateId, readOnce, "electricity", 500m, Period.AddDays(20));

        var preview = await PreviewAsync(estateId);

        preview.Bills.Should().ContainSingle().Which.UnitId.Should().Be(read);
        preview.Total.Should().Be(7m);
        preview.Metered.Should().Be(new MeteredPreviewResponse(UnitsWithoutTwoReadings: 2, UnitsWithReadingsGoingDown: 0));
    }

    [Fact]
    public async Task A_move_ins_readings_on_the_bus_open_the_first_water_bill()
    {
        var estateId = await EstateWithWaterRateAsync();
        var movedInOn = Period.AddDays(4);
        // Billing.MoveInAsync's handover form reads water 10 and electricity 100.
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn);
        await billing.MoveInAsync(estateId, unitId, movedInOn);
        await Eventually.Async(
            async () => await billing.QueryAsync(db => db.Occupancies.CountAsync(s => s.UnitId == unitId, Ct)) == 2,
            TimeSpan.FromSeconds(30), "the second resident's move-in should arrive");
        await ReadAsync(estateId, unitId, "water", 25.5m, LastDay);

        var run = await billing.RunAsync(estateId, Period, "water");

        run.Status.Should().Be("Posted", run.LastError);
        var line = (await BillsAsync(estateId)).Should().ContainSingle().Subject.Lines.Should().ContainSingle().Subject;
        (line.Quantity, line.Amount).Should().Be((15.5m, 54.25m), "25.5 − 10 read at the move-in, × 3.50");
        line.Explanation.Should().Contain($"10.000 ({Billing.Day(movedInOn)})");
        var handover = await billing.QueryAsync(db => db.MeterReadings.Where(r => r.UnitId == unitId && r.Source == MeterReadingSource.MoveIn).ToListAsync(Ct));
        handover.Select(r => (r.Meter, r.Value, r.ReadOn)).Should().BeEquivalentTo(
            [(Meter.Water, 10m, movedInOn), (Meter.Electricity, 100m, movedInOn)], "two residents moving in together hand over one form");
    }

    [Fact]
    public async Task A_move_out_reading_lower_than_an_earlier_one_is_kept_and_the_run_leaves_the_unit_for_staff_to_check()
    {
        var estateId = await EstateWithWaterRateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await ReadAsync(estateId, unitId, "water", 500m, Period.AddDays(-1));
        var moveOut = new ResidentMovedOut(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, Guid.NewGuid(), "Owner", Period.AddDays(9), true, new MeterReadings(400m, 90m, null));

        await billing.Bus.Publish(moveOut, Ct);
        await billing.HandledAsync("ResidentMovedOutConsumer", moveOut.EventId);

        (await billing.QueryAsync(db => db.MeterReadings.CountAsync(r => r.UnitId == unitId && r.Source == MeterReadingSource.MoveOut, Ct))).Should().Be(2);
        var preview = await PreviewAsync(estateId);
        preview.Bills.Should().BeEmpty();
        preview.Metered!.UnitsWithReadingsGoingDown.Should().Be(1);
    }

    [Fact]
    public async Task Running_a_posted_metered_period_again_bills_nothing_more()
    {
        var estateId = await EstateWithWaterRateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        await ReadAsync(estateId, unitId, "water", 10m, Period.AddDays(-1));
        await ReadAsync(estateId, unitId, "water", 20m, Period.AddDays(10));
        var first = await billing.RunAsync(estateId, Period, "water");
        await ReadAsync(estateId, unitId, "water", 30m, LastDay);

        var again = await billing.StartRunAsync(estateId, Period, "water");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var run = (await again.Content.ReadFromJsonAsync<BillingRunResponse>(ApiJson.Options, Ct))!;
        (run.Id, run.BillCount, run.Total).Should().Be((first.Id, 1, 35m));
        (await BillsAsync(estateId)).Should().ContainSingle().Which.Total.Should().Be(35m);
    }
}
