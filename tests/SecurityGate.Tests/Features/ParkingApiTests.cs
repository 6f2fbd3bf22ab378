using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.Parking;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.SecurityGate.Tests.Features;

public sealed class ParkingApiTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewPlate() => $"沪A{Random.Shared.Next(10000, 99999)}";

    private async Task<Guid> EstateWithTariffAsync(int freeMinutes = 120, decimal hourlyRate = 5m)
    {
        var estate = await gate.NewEstateAsync();
        await (await gate.Manager(estate).PutAsJsonAsync($"/api/security-gate/parking/tariffs/{estate}", new { freeMinutes, hourlyRate }, Ct))
            .ReadAsync<TariffResponse>(HttpStatusCode.OK);
        return estate;
    }

    private async Task<ParkingSessionResponse> EnterAsync(Guid estate, string plate, Guid? unitId, DateTimeOffset enteredAt) =>
        await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/parking/sessions", new { estateId = estate, plate, unitId, enteredAt }, Ct))
            .ReadAsync<ParkingSessionResponse>(HttpStatusCode.Created);

    private Task<HttpResponseMessage> ExitAsync(Guid estate, Guid sessionId, DateTimeOffset? exitedAt = null) =>
        gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/parking/sessions/{sessionId}/exit", new { exitedAt }, Ct);

    [Fact]
    public async Task A_visitor_overstay_charges_the_unit_visited_through_billing_once()
    {
        var estate = await EstateWithTariffAsync(freeMinutes: 120, hourlyRate: 5m);
        var unit = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var session = await EnterAsync(estate, "沪A 12345", unit, now.AddMinutes(-(120 + 61)));

        var exited = await (await ExitAsync(estate, session.Id, now)).ReadAsync<ParkingSessionResponse>(HttpStatusCode.OK);
        var again = await ExitAsync(estate, session.Id, now);

        exited.Plate.Should().Be("沪A12345");
        exited.DurationMinutes.Should().Be(181);
        exited.Fee.Should().Be(10m);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var charge = await gate.PublishedAsync<ChargeRaised>(c => c.SourceId == session.Id);
        charge.Source.Should().Be("security-gate");
        charge.UnitId.Should().Be(unit);
        charge.EstateId.Should().Be(estate);
        charge.Amount.Should().Be(10m);
        charge.Currency.Should().Be("CNY");
        charge.FeeItem.Should().Be(ParkingApi.VisitorParkingFeeItem);
        (await gate.OutboxAsync<ChargeRaised>()).Should().ContainSingle(c => c.SourceId == session.Id);
    }

    [Fact]
    public async Task A_visitor_overstay_is_charged_under_billings_parking_fee_item()
    {
        var estate = await EstateWithTariffAsync(freeMinutes: 0, hourlyRate: 5m);
        var session = await EnterAsync(estate, NewPlate(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-30));

        (await ExitAsync(estate, session.Id)).StatusCode.Should().Be(HttpStatusCode.OK);

        var charge = await gate.PublishedAsync<ChargeRaised>(c => c.SourceId == session.Id);
        charge.FeeItem.Should().Be("parking", "billing books a charge under the fee item it names, and parking is billing's 'parking', not 'other'");
    }

    [Fact]
    public async Task Two_exits_of_one_stay_at_once_raise_one_charge()
    {
        var estate = await EstateWithTariffAsync(freeMinutes: 0, hourlyRate: 5m);
        var session = await EnterAsync(estate, NewPlate(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(-3));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ExitAsync(estate, session.Id)));

        responses.Should().ContainSingle(r => r.StatusCode == HttpStatusCode.OK);
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        (await gate.OutboxAsync<ChargeRaised>()).Should().ContainSingle(c => c.SourceId == session.Id);
    }

    [Fact]
    public async Task A_visitor_leaving_within_the_free_period_is_not_charged()
    {
        var estate = await EstateWithTariffAsync(freeMinutes: 120);
        var session = await EnterAsync(estate, NewPlate(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-90));

        var exited = await (await ExitAsync(estate, session.Id)).ReadAsync<ParkingSessionResponse>(HttpStatusCode.OK);

        exited.Fee.Should().Be(0m);
        (await gate.OutboxAsync<ChargeRaised>()).Should().NotContain(c => c.SourceId == session.Id);
    }

    [Fact]
    public async Task A_residents_registered_plate_parks_as_the_residents_and_is_never_charged()
    {
        var estate = await EstateWithTariffAsync(freeMinutes: 0);
        var unit = Guid.NewGuid();
        var resident = await gate.MoveInAsync(estate, unit);
        var plate = NewPlate();
        await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/vehicles", new { estateId = estate, unitId = unit, residentId = resident.ResidentId, plate }, Ct))
            .ReadAsync<VehicleResponse>(HttpStatusCode.Created);

        var session = await EnterAsync(estate, plate, unitId: null, DateTimeOffset.UtcNow.AddHours(-10));
        var exited = await (await ExitAsync(estate, session.Id)).ReadAsync<ParkingSessionResponse>(HttpStatusCode.OK);

        session.Kind.Should().Be("Resident");
        session.UnitId.Should().Be(unit);
        exited.Fee.Should().BeNull();
        (await gate.OutboxAsync<ChargeRaised>()).Should().NotContain(c => c.SourceId == session.Id);
    }

    [Fact]
    public async Task Only_someone_living_in_the_unit_can_register_a_plate_and_moving_out_takes_it_off_the_register()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var resident = await gate.MoveInAsync(estate, unit);
        var plate = NewPlate();

        var stranger = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/vehicles", new { estateId = estate, unitId = unit, residentId = Guid.NewGuid(), plate }, Ct);
        await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/vehicles", new { estateId = estate, unitId = unit, residentId = resident.ResidentId, plate }, Ct))
            .ReadAsync<VehicleResponse>(HttpStatusCode.Created);
        var twice = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/vehicles", new { estateId = estate, unitId = unit, residentId = resident.ResidentId, plate }, Ct);
        await gate.Bus.Publish(new ResidentMovedOut(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), unit, resident.ResidentId, resident.Kind, DateOnly.FromDateTime(DateTime.UtcNow), true, null), Ct);

        (await stranger.ErrorFieldsAsync()).Should().Equal("residentId");
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        await Eventually.Async(async () => (await ListVehiclesAsync(estate, unit)).Length == 0, TimeSpan.FromSeconds(30), "the moved-out resident's plate leaves the register");
        var visitorNow = await EnterAsync(estate, plate, Guid.NewGuid(), DateTimeOffset.UtcNow);
        visitorNow.Kind.Should().Be("Visitor");
    }

    [Fact]
    public async Task A_vehicle_inside_cannot_enter_again_before_it_exits()
    {
        var estate = await gate.NewEstateAsync();
        var plate = NewPlate();
        await EnterAsync(estate, plate, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-5));

        var again = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/parking/sessions", new { estateId = estate, plate, unitId = Guid.NewGuid() }, Ct);

        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_tariff_in_CNY_with_three_decimals_is_refused_and_stores_nothing()
    {
        var estate = await gate.NewEstateAsync("CNY");

        var response = await gate.Manager(estate).PutAsJsonAsync($"/api/security-gate/parking/tariffs/{estate}", new { freeMinutes = -1, hourlyRate = 5.125m }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["freeMinutes", "hourlyRate"]);
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().ParkingTariffs.AnyAsync(t => t.EstateId == estate, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task A_tariff_is_in_the_estates_currency_so_yen_take_no_decimals()
    {
        var estate = await gate.NewEstateAsync("JPY");

        var refused = await gate.Manager(estate).PutAsJsonAsync($"/api/security-gate/parking/tariffs/{estate}", new { freeMinutes = 30, hourlyRate = 300.5m }, Ct);
        var set = await (await gate.Manager(estate).PutAsJsonAsync($"/api/security-gate/parking/tariffs/{estate}", new { freeMinutes = 30, hourlyRate = 300m }, Ct))
            .ReadAsync<TariffResponse>(HttpStatusCode.OK);

        (await refused.ErrorFieldsAsync()).Should().Equal("hourlyRate");
        set.Currency.Should().Be("JPY");
    }

    [Fact]
    public async Task A_guard_cannot_set_the_tariff_and_a_manager_of_another_estate_is_forbidden()
    {
        var estate = await gate.NewEstateAsync();
        var other = await gate.NewEstateAsync();

        var guard = await gate.Guard(estate).PutAsJsonAsync($"/api/security-gate/parking/tariffs/{estate}", new { freeMinutes = 30, hourlyRate = 5m }, Ct);
        var stranger = await gate.Manager(other).PutAsJsonAsync($"/api/security-gate/parking/tariffs/{estate}", new { freeMinutes = 30, hourlyRate = 5m }, Ct);

        guard.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_vehicle_input_names_every_field_and_stores_nothing()
    {
        var estate = await gate.NewEstateAsync();

        var entry = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/parking/sessions", new
        {
            estateId = estate, plate = "A1", unitId = Guid.Empty, enteredAt = DateTimeOffset.UtcNow.AddHours(2),
        }, Ct);
        var visitorWithoutUnit = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/parking/sessions", new { estateId = estate, plate = NewPlate() }, Ct);
        var vehicle = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/vehicles", new { estateId = estate, plate = "!!" }, Ct);

        (await entry.ErrorFieldsAsync()).Should().BeEquivalentTo(["plate", "unitId", "enteredAt"]);
        (await visitorWithoutUnit.ErrorFieldsAsync()).Should().Equal("unitId");
        (await vehicle.ErrorFieldsAsync()).Should().BeEquivalentTo(["unitId", "residentId", "plate"]);
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().ParkingSessions.AnyAsync(s => s.EstateId == estate, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task A_guard_of_another_estate_cannot_see_or_close_a_stay()
    {
        var estate = await gate.NewEstateAsync();
        var other = await gate.NewEstateAsync();
        var session = await EnterAsync(estate, NewPlate(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-5));

        var read = await gate.Guard(other).GetAsync($"/api/security-gate/parking/sessions/{session.Id}", Ct);
        var exit = await ExitAsync(other, session.Id);
        var entry = await gate.Guard(other).PostAsJsonAsync("/api/security-gate/parking/sessions", new { estateId = estate, plate = NewPlate(), unitId = Guid.NewGuid() }, Ct);

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        exit.StatusCode.Should().Be(HttpStatusCode.NotFound);
        entry.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<VehicleResponse[]> ListVehiclesAsync(Guid estate, Guid unit) =>
        (await gate.Guard(estate).GetFromJsonAsync<VehicleResponse[]>($"/api/security-gate/vehicles?estateId={estate}&unitId={unit}", ApiJson.Options, Ct))!;
}
