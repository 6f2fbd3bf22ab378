using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Registry;

public sealed class RegistryApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] SomeDay = ["someday"];

    private readonly Guid _estateId = Guid.NewGuid();

    private HttpClient Admin => field ??= reception.CreateClient(TestCaller.GroupAdmin());

    private HttpClient Clerk => field ??= reception.CreateClient(TestCaller.Clerk(_estateId));

    private object NewEstate(string timeZoneId = "Asia/Shanghai") => new
    {
        id = _estateId,
        name = $"Estate {_estateId:N}",
        timeZoneId,
        currency = "CNY",
        opensAt = "08:30",
        closesAt = "17:30",
        workingDays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday" },
    };

    /// <summary>An estate with one building and one unit; returns the unit.</summary>
    private async Task<UnitResponse> EstateWithUnitAsync(string number = "1201")
    {
        (await Admin.PostAsJsonAsync("/api/reception/estates", NewEstate(), Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        var building = await (await Clerk.PostAsJsonAsync($"/api/reception/estates/{_estateId}/buildings", new { code = "3", name = "Building 3" }, Ct))
            .Content.ReadFromJsonAsync<BuildingResponse>(ApiJson.Options, Ct);
        var unit = await Clerk.PostAsJsonAsync("/api/reception/units", new
        {
            estateId = _estateId, buildingId = building!.Id, number, floor = 12, floorArea = 89.55m, usage = "residential", status = "occupied",
        }, Ct);
        unit.StatusCode.Should().Be(HttpStatusCode.Created);
        var registered = (await unit.Content.ReadFromJsonAsync<UnitResponse>(ApiJson.Options, Ct))!;
        registered.BuildingCode.Should().Be("3", "the answer names the unit as the desk does, building – number");
        return registered;
    }

    [Fact]
    public async Task A_group_admin_creates_an_estate_with_its_time_zone_currency_and_working_hours_and_a_clerk_may_not()
    {
        (await Clerk.PostAsJsonAsync("/api/reception/estates", NewEstate(), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var created = await Admin.PostAsJsonAsync("/api/reception/estates", NewEstate(), Ct);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var estate = await Clerk.GetFromJsonAsync<EstateResponse>($"/api/reception/estates/{_estateId}", ApiJson.Options, Ct);
        estate!.TimeZoneId.Should().Be("Asia/Shanghai");
        estate.WorkingDays.Should().HaveCount(6);
        (await Admin.PostAsJsonAsync("/api/reception/estates", NewEstate(), Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bad_estate_names_every_failing_field_and_stores_nothing()
    {
        var response = await Admin.PostAsJsonAsync("/api/reception/estates", new
        {
            id = _estateId, name = "", timeZoneId = "Mars/Olympus", currency = "yuan", opensAt = "18:00", closesAt = "09:00", workingDays = SomeDay,
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;
        problem.Errors.Keys.Should().BeEquivalentTo("name", "timeZoneId", "currency", "closesAt", "workingDays");
        (await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Estates.AnyAsync(e => e.Id == _estateId, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task A_unit_is_registered_with_its_exact_area_and_announced_in_the_same_transaction()
    {
        var unit = await EstateWithUnitAsync();

        unit.FloorArea.Should().Be(89.55m);
        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().OutboxMessages
            .Where(m => m.EventType.StartsWith("PropertyPlatform.Contracts.Reception.UnitRegistered")).ToListAsync(Ct));
        events.Should().ContainSingle(m => m.Payload.Contains(unit.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_in_an_unknown_building_or_with_a_bad_area_is_refused_and_a_second_unit_with_the_same_number_conflicts()
    {
        var unit = await EstateWithUnitAsync();

        var unknownBuilding = await Clerk.PostAsJsonAsync("/api/reception/units", new
        {
            estateId = _estateId, buildingId = Guid.NewGuid(), number = "1202", floor = 12, floorArea = 80m, usage = "residential",
        }, Ct);
        var badArea = await Clerk.PostAsJsonAsync("/api/reception/units", new
        {
            estateId = _estateId, buildingId = unit.BuildingId, number = "1203", floor = 12, floorArea = 80.123m, usage = "castle",
        }, Ct);
        var duplicate = await Clerk.PostAsJsonAsync("/api/reception/units", new
        {
            estateId = _estateId, buildingId = unit.BuildingId, number = unit.Number, floor = 12, floorArea = 80m, usage = "residential",
        }, Ct);

        (await unknownBuilding.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("buildingId");
        (await badArea.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().BeEquivalentTo("floorArea", "usage");
        duplicate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var units = await Clerk.GetFromJsonAsync<Page<UnitResponse>>($"/api/reception/units?estateId={_estateId}", ApiJson.Options, Ct);
        units!.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Registering_an_owner_announces_OwnerRegistered_for_identity_and_the_roster_masks_personal_data()
    {
        var unit = await EstateWithUnitAsync();

        var response = await Clerk.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId = _estateId, fullName = "Li Wei", phone = "13812345678", idNumber = "110101199003071234", unitIds = new[] { unit.Id },
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var owner = (await response.Content.ReadFromJsonAsync<OwnerResponse>(ApiJson.Options, Ct))!;
        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().OutboxMessages
            .Where(m => m.EventType.StartsWith("PropertyPlatform.Contracts.Reception.OwnerRegistered")).ToListAsync(Ct));
        events.Should().ContainSingle(m => m.Payload.Contains(owner.Id.ToString(), StringComparison.Ordinal));

        var asClerk = await Clerk.GetFromJsonAsync<Page<OwnerResponse>>($"/api/reception/owners?unitId={unit.Id}", ApiJson.Options, Ct);
        asClerk!.Items.Single().Phone.Should().Be("13812345678");
        asClerk.Items.Single().IdNumber.Should().Be("110***********1234");
        var asCashier = await reception.CreateClient(TestCaller.Staff(PlatformRoles.Cashier, _estateId))
            .GetFromJsonAsync<Page<OwnerResponse>>($"/api/reception/owners?estateId={_estateId}", ApiJson.Options, Ct);
        asCashier!.Items.Single().Phone.Should().Be("138****5678");
        (await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid())).GetAsync($"/api/reception/owners/{owner.Id}", Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "another estate's clerk cannot see this owner");
    }

    [Fact]
    public async Task An_owner_of_units_outside_the_estate_is_refused_and_nothing_is_announced()
    {
        await EstateWithUnitAsync();
        var foreignUnit = Guid.NewGuid();

        var response = await Clerk.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId = _estateId, fullName = "Zhang Min", phone = "13912345678", idNumber = "110101199003075678", unitIds = new[] { foreignUnit },
        }, Ct);

        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("unitIds");
        var events = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().OutboxMessages.ToListAsync(Ct));
        events.Should().NotContain(m => m.Payload.Contains(foreignUnit.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_clerk_cannot_add_buildings_to_another_estate()
    {
        await EstateWithUnitAsync();

        var response = await reception.CreateClient(TestCaller.Clerk(Guid.NewGuid()))
            .PostAsJsonAsync($"/api/reception/estates/{_estateId}/buildings", new { code = "9", name = "Intruder" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
