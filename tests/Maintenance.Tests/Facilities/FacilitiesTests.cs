using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Facilities;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Facilities;

public sealed class FacilitiesTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> AssetCountAsync(Guid estateId) => maintenance.InScopeAsync(sp =>
        sp.GetRequiredService<MaintenanceDbContext>().Assets.IgnoreQueryFilters().CountAsync(a => a.EstateId == estateId, Ct));

    private static async Task<AssetResponse> RegisterAsync(MaintenanceWorld world, string code, string system = "Water", Guid? spareFor = null)
    {
        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/assets",
            new RegisterAssetCommand(world.EstateId, code, "Booster pump", system, "Basement 2 pump room", "Grundfos Service", "CR 32-4", new DateOnly(2021, 5, 1), spareFor),
            ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<AssetResponse>(ApiJson.Options, Ct))!;
    }

    [Fact]
    public async Task Equipment_is_registered_by_system_with_location_vendor_and_its_spare_units()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var pump = await RegisterAsync(world, "pump-b2-01");
        var spare = await RegisterAsync(world, "PUMP-B2-01S", spareFor: pump.Id);
        await RegisterAsync(world, "LIFT-A-1", system: "Elevators");

        var shown = await world.Supervisor.GetFromJsonAsync<AssetResponse>($"/api/maintenance/assets/{pump.Id}", ApiJson.Options, Ct);
        var water = await world.Supervisor.GetFromJsonAsync<Page<AssetResponse>>(
            $"/api/maintenance/assets?estateId={world.EstateId}&system=water", ApiJson.Options, Ct);

        shown!.Code.Should().Be("PUMP-B2-01", "codes are kept upper-case, as printed on the label");
        shown.System.Should().Be(FacilitySystem.Water);
        shown.Location.Should().Be("Basement 2 pump room");
        shown.Vendor.Should().Be("Grundfos Service");
        shown.SpareIds.Should().Equal(spare.Id);
        water!.Items.Select(a => a.Code).Should().BeEquivalentTo(["PUMP-B2-01", "PUMP-B2-01S"]);
        water.Items.Single(a => a.Id == pump.Id).SpareIds.Should().Equal(spare.Id);
    }

    [Fact]
    public async Task An_asset_code_is_unique_per_estate_but_may_repeat_in_another_estate()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var other = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        await RegisterAsync(world, "FIRE-PANEL-1", "Fire");

        var duplicate = await world.Supervisor.PostAsJsonAsync("/api/maintenance/assets",
            new RegisterAssetCommand(world.EstateId, "fire-panel-1", "Panel", "Fire", "Lobby", null, null, null, null), ApiJson.Options, Ct);
        await RegisterAsync(other, "FIRE-PANEL-1", "Fire");

        duplicate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadAsStringAsync(Ct)).Should().Contain("\"code\"");
        (await AssetCountAsync(world.EstateId)).Should().Be(1);
    }

    [Fact]
    public async Task Bad_asset_input_is_a_400_naming_every_failing_field_and_stores_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();

        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/assets",
            new RegisterAssetCommand(world.EstateId, "PUMP 1!", " ", "Gas", null, null, null, null, Guid.NewGuid()), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        problem.Should().Contain("\"code\"").And.Contain("\"name\"").And.Contain("\"system\"").And.Contain("\"location\"").And.Contain("\"spareForAssetId\"");
        (await AssetCountAsync(world.EstateId)).Should().Be(0);
    }

    [Fact]
    public async Task Staff_report_a_fault_by_the_assets_code_and_it_joins_the_assets_service_history()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var lift = await RegisterAsync(world, "LIFT-A-1", system: "Elevators");
        var technician = world.Technician(Guid.NewGuid());

        var response = await technician.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(world.EstateId, null, null, null, "Doors reopen on every floor", "Urgent", null, null, AssetCode: "lift-a-1"),
            ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var order = (await response.Content.ReadFromJsonAsync<WorkOrderResponse>(ApiJson.Options, Ct))!;
        var history = await world.Supervisor.GetFromJsonAsync<Page<WorkOrderResponse>>(
            $"/api/maintenance/work-orders?assetId={lift.Id}", ApiJson.Options, Ct);
        var shown = await world.Supervisor.GetFromJsonAsync<AssetResponse>($"/api/maintenance/assets/by-code/lift-a-1?estateId={world.EstateId}", ApiJson.Options, Ct);

        order.AssetId.Should().Be(lift.Id);
        order.Area.Should().Be("Basement 2 pump room", "the asset's location is where the work is");
        order.Trade.Should().Be(Trades.Elevator, "an elevator fault goes to the elevator trade unless told otherwise");
        history!.Items.Select(w => w.Id).Should().Equal(order.Id);
        shown!.WorkOrderCount.Should().Be(1);
    }

    [Fact]
    public async Task A_fault_against_an_asset_code_unknown_in_the_estate_is_a_400_and_stores_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var other = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var theirs = await RegisterAsync(other, "CCTV-GATE-1", system: "Cctv");

        var byCode = await world.Supervisor.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(world.EstateId, null, "Gate", "electrical", "Camera dark", "Normal", null, null, AssetCode: "CCTV-GATE-1"), ApiJson.Options, Ct);
        var byId = await world.Supervisor.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(world.EstateId, null, "Gate", "electrical", "Camera dark", "Normal", null, null, AssetId: theirs.Id), ApiJson.Options, Ct);

        byCode.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await byCode.Content.ReadAsStringAsync(Ct)).Should().Contain("\"assetCode\"");
        byId.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await byId.Content.ReadAsStringAsync(Ct)).Should().Contain("\"assetId\"");
        (await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().WorkOrders.IgnoreQueryFilters()
            .CountAsync(w => w.EstateId == world.EstateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task Another_estates_asset_is_a_404_to_read_and_a_403_to_register_into()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var pump = await RegisterAsync(world, "PUMP-1");
        var outsider = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, Guid.NewGuid()));

        var read = await outsider.GetAsync($"/api/maintenance/assets/{pump.Id}", Ct);
        var byCode = await outsider.GetAsync($"/api/maintenance/assets/by-code/PUMP-1?estateId={world.EstateId}", Ct);
        var write = await outsider.PostAsJsonAsync("/api/maintenance/assets",
            new RegisterAssetCommand(world.EstateId, "PUMP-2", "Pump", "Water", "Roof", null, null, null, null), ApiJson.Options, Ct);

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byCode.StatusCode.Should().Be(HttpStatusCode.NotFound);
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AssetCountAsync(world.EstateId)).Should().Be(1);
    }
}
