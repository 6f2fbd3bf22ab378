using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Residents;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Residents;

public sealed class ResidentsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReceptionDbContext Db(IServiceProvider services) => services.GetRequiredService<ReceptionDbContext>();

    private static object MoveIn(Guid estateId, Guid unitId, string movedInOn = "2025-03-01", params object[] residents) => new
    {
        estateId,
        unitId,
        movedInOn,
        documentsChecked = true,
        keysHandedOver = 3,
        meterReadings = new { water = 12.5m, electricity = 1024.25m, gas = 3.125m },
        handoverNotes = "Scratch on the kitchen door noted.",
        residents = residents.Length > 0 ? residents : [new { kind = "tenant", fullName = "Sun Li", phone = "13700000001" }],
    };

    private static async Task<MoveInResponse> MoveInAsync(HttpClient client, object command)
    {
        var response = await client.PostAsJsonAsync("/api/reception/move-ins", command, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<MoveInResponse>(ApiJson.Options, Ct))!;
    }

    private Task<UnitStatus> UnitStatusAsync(Guid unitId) =>
        reception.InScopeAsync(sp => Db(sp).Units.Where(u => u.Id == unitId).Select(u => u.Status).SingleAsync(Ct));

    private async Task<List<T>> EventsAsync<T>(Guid estateId) where T : PropertyPlatform.Contracts.IIntegrationEvent =>
        [.. (await reception.OutboxAsync<T>()).Where(e => e.EstateId == estateId)];

    [Fact]
    public async Task A_move_in_listing_more_residents_than_a_household_is_refused_before_they_are_compared()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var residents = Enumerable.Range(0, 5_000).Select(i => (object)new { kind = "tenant", fullName = $"Tenant {i}", phone = $"137{i:D8}" }).ToArray();

        var response = await reception.CreateClient(TestCaller.Clerk(estateId))
            .PostAsJsonAsync("/api/reception/move-ins", MoveIn(estateId, units[0], "2025-03-01", residents), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(ApiJson.Options, Ct))!;
        problem.Errors.Should().ContainKey("residents").WhoseValue.Should().ContainSingle().Which.Should().Contain("At most 20");
        (await reception.InScopeAsync(sp => Db(sp).Residents.CountAsync(r => r.UnitId == units[0], Ct))).Should().Be(0, "nothing changed");
    }

    [Fact]
    public async Task A_move_in_brings_the_residents_in_occupies_the_unit_and_tells_billing_from_which_date_with_the_meter_readings()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        (await clerk.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId, fullName = "Li Wei", phone = "13812345678", idNumber = "110101199003071234", unitIds = new[] { units[0] },
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        await reception.InScopeAsync(async sp => await Db(sp).Units.Where(u => u.Id == units[0])
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UnitStatus.Vacant), Ct));

        var moveIn = await MoveInAsync(clerk, MoveIn(estateId, units[0], "2025-03-01",
            new { kind = "owner", fullName = "Li Wei", phone = "138 1234 5678" },
            new { kind = "family", fullName = "Li Xiaoming", phone = "13812345679" }));

        moveIn.Residents.Select(r => (r.Kind, r.Phone, r.MovedInOn)).Should().BeEquivalentTo(new[]
        {
            (ResidentKind.Owner, "13812345678", new DateOnly(2025, 3, 1)),
            (ResidentKind.Family, "13812345679", new DateOnly(2025, 3, 1)),
        });
        (moveIn.KeysHandedOver, moveIn.WaterReading, moveIn.ElectricityReading, moveIn.GasReading).Should().Be((3, 12.5m, 1024.25m, 3.125m));
        (await UnitStatusAsync(units[0])).Should().Be(UnitStatus.Occupied);
        var events = await EventsAsync<ResidentMovedIn>(estateId);
        events.Select(e => e.ResidentId).Should().BeEquivalentTo(moveIn.Residents.Select(r => r.Id));
        events.Should().AllSatisfy(e =>
        {
            (e.UnitId, e.MoveInId, e.MovedInOn).Should().Be((units[0], moveIn.Id, new DateOnly(2025, 3, 1)));
            e.Readings.Should().Be(new MeterReadings(12.5m, 1024.25m, 3.125m));
        });
        var fetched = await clerk.GetFromJsonAsync<MoveInResponse>($"/api/reception/move-ins/{moveIn.Id}", ApiJson.Options, Ct);
        fetched!.Residents.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_move_in_without_its_checklist_names_every_missing_item_and_stores_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();

        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).PostAsJsonAsync("/api/reception/move-ins", new
        {
            estateId,
            unitId = units[0],
            movedInOn = "01/03/2025",
            documentsChecked = false,
            keysHandedOver = 0,
            meterReadings = new { water = -1m, electricity = 10.12345m },
            residents = new[] { new { kind = "lodger", fullName = "", phone = "12" } },
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo(
            "movedInOn", "documentsChecked", "keysHandedOver", "meterReadings.water", "meterReadings.electricity",
            "residents[0].kind", "residents[0].fullName", "residents[0].phone");
        (await reception.InScopeAsync(sp => Db(sp).MoveIns.AnyAsync(m => m.EstateId == estateId, Ct))).Should().BeFalse();
        (await EventsAsync<ResidentMovedIn>(estateId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Nobody_moves_into_a_unit_of_another_estate_or_one_that_does_not_exist_or_after_today()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstate, otherUnits) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var foreignUnit = await clerk.PostAsJsonAsync("/api/reception/move-ins", MoveIn(estateId, otherUnits[0]), Ct);
        var unknownUnit = await clerk.PostAsJsonAsync("/api/reception/move-ins", MoveIn(estateId, Guid.NewGuid()), Ct);
        var intoOtherEstate = await clerk.PostAsJsonAsync("/api/reception/move-ins", MoveIn(otherEstate, otherUnits[0]), Ct);
        var tomorrow = await reception.CreateClient(TestCaller.Clerk(otherEstate)).PostAsJsonAsync("/api/reception/move-ins",
            MoveIn(otherEstate, otherUnits[0], DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), Ct);

        (await foreignUnit.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("unitId");
        (await unknownUnit.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("unitId");
        intoOtherEstate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tomorrow.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("movedInOn");
        (await reception.InScopeAsync(sp => Db(sp).Residents.AnyAsync(r => r.UnitId == otherUnits[0], Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task An_owner_moves_in_as_owner_only_when_on_the_owner_roster_for_that_unit()
    {
        var (estateId, units) = await reception.NewEstateAsync();

        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).PostAsJsonAsync("/api/reception/move-ins",
            MoveIn(estateId, units[0], "2025-03-01",
                new { kind = "tenant", fullName = "Sun Li", phone = "13700000001" },
                new { kind = "owner", fullName = "Zhou Min", phone = "13700000002" }), Ct);

        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("residents[1].kind");
    }

    [Fact]
    public async Task The_same_resident_cannot_move_into_a_unit_twice_over_overlapping_dates()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var first = await MoveInAsync(clerk, MoveIn(estateId, units[0], "2025-03-01"));

        var again = await clerk.PostAsJsonAsync("/api/reception/move-ins", MoveIn(estateId, units[0], "2025-05-01"), Ct);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await clerk.PostAsJsonAsync($"/api/reception/residents/{first.Residents[0].Id}/move-out", new { movedOutOn = "2025-06-01" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await clerk.PostAsJsonAsync("/api/reception/move-ins", MoveIn(estateId, units[0], "2025-05-15"), Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "the earlier stay runs to 2025-06-01");
        (await clerk.PostAsJsonAsync("/api/reception/move-ins", MoveIn(estateId, units[0], "2025-02-01"), Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "an open stay from 2025-02-01 would cover the earlier one");
        await MoveInAsync(clerk, MoveIn(estateId, units[0], "2025-06-01"));
    }

    [Fact]
    public async Task The_unit_stays_occupied_until_its_last_resident_moves_out_and_each_move_out_is_announced()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var moveIn = await MoveInAsync(clerk, MoveIn(estateId, units[0], "2025-03-01",
            new { kind = "tenant", fullName = "Sun Li", phone = "13700000001" },
            new { kind = "family", fullName = "Sun Mei", phone = "13700000003" }));

        var first = await clerk.PostAsJsonAsync($"/api/reception/residents/{moveIn.Residents[0].Id}/move-out", new { movedOutOn = "2025-04-01" }, Ct);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await UnitStatusAsync(units[0])).Should().Be(UnitStatus.Occupied);
        var last = await clerk.PostAsJsonAsync($"/api/reception/residents/{moveIn.Residents[1].Id}/move-out", new
        {
            movedOutOn = "2025-04-15",
            meterReadings = new { water = 20m, electricity = 1500.5m },
            notes = "Keys returned.",
        }, Ct);

        last.StatusCode.Should().Be(HttpStatusCode.OK);
        (await last.Content.ReadFromJsonAsync<ResidentResponse>(ApiJson.Options, Ct))!.MovedOutOn.Should().Be(new DateOnly(2025, 4, 15));
        (await UnitStatusAsync(units[0])).Should().Be(UnitStatus.Vacant);
        var events = await EventsAsync<ResidentMovedOut>(estateId);
        events.Select(e => (e.ResidentId, e.MovedOutOn, e.UnitVacated)).Should().BeEquivalentTo(new[]
        {
            (moveIn.Residents[0].Id, new DateOnly(2025, 4, 1), false),
            (moveIn.Residents[1].Id, new DateOnly(2025, 4, 15), true),
        });
        events.Single(e => e.UnitVacated).Readings.Should().Be(new MeterReadings(20m, 1500.5m, null));
    }

    [Fact]
    public async Task A_move_out_before_the_move_in_or_a_second_move_out_is_refused()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var resident = (await MoveInAsync(clerk, MoveIn(estateId, units[0], "2025-03-01"))).Residents[0];

        var early = await clerk.PostAsJsonAsync($"/api/reception/residents/{resident.Id}/move-out", new { movedOutOn = "2025-02-28" }, Ct);
        var sameDay = await clerk.PostAsJsonAsync($"/api/reception/residents/{resident.Id}/move-out", new { movedOutOn = "2025-03-01" }, Ct);
        var twice = await clerk.PostAsJsonAsync($"/api/reception/residents/{resident.Id}/move-out", new { movedOutOn = "2025-03-02" }, Ct);

        (await early.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("movedOutOn");
        sameDay.StatusCode.Should().Be(HttpStatusCode.OK, "a move-out on the move-in day is allowed: an empty stay");
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await EventsAsync<ResidentMovedOut>(estateId)).Should().ContainSingle();
    }

    [Fact]
    public async Task Only_the_estates_front_desk_records_moves_and_other_estates_do_not_see_its_residents()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var resident = (await MoveInAsync(reception.CreateClient(TestCaller.Clerk(estateId)), MoveIn(estateId, units[0]))).Residents[0];

        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId))
            .PostAsJsonAsync("/api/reception/move-ins", MoveIn(estateId, units[0], "2025-03-02"), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Owner(estateId, units[0]))
            .PostAsJsonAsync($"/api/reception/residents/{resident.Id}/move-out", new { movedOutOn = "2025-04-01" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));
        (await otherClerk.GetAsync($"/api/reception/residents/{resident.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync($"/api/reception/residents/{resident.Id}/move-out", new { movedOutOn = "2025-04-01" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

        var asCashier = await reception.CreateClient(TestCaller.Staff(PlatformRoles.Cashier, estateId))
            .GetFromJsonAsync<Page<ResidentResponse>>($"/api/reception/residents?unitId={units[0]}&current=true", ApiJson.Options, Ct);
        asCashier!.Items.Single().Phone.Should().Be("137****0001");
        var asClerk = await reception.CreateClient(TestCaller.Clerk(estateId))
            .GetFromJsonAsync<Page<ResidentResponse>>($"/api/reception/residents?estateId={estateId}", ApiJson.Options, Ct);
        asClerk!.Items.Single().Phone.Should().Be("13700000001");
        var ofOtherEstate = await otherClerk.GetFromJsonAsync<Page<ResidentResponse>>($"/api/reception/residents?estateId={estateId}", ApiJson.Options, Ct);
        ofOtherEstate!.Items.Should().BeEmpty();
    }
}
