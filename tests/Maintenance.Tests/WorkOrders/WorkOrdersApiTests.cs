using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.WorkOrders;

public sealed class WorkOrdersApiTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> CountAsync(Guid estateId) => maintenance.InScopeAsync(sp =>
        sp.GetRequiredService<MaintenanceDbContext>().WorkOrders.IgnoreQueryFilters().CountAsync(w => w.EstateId == estateId, Ct));

    [Fact]
    public async Task Staff_open_a_work_order_with_the_deadlines_of_its_urgency_and_it_is_announced()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var before = DateTimeOffset.UtcNow;

        var order = await world.CreateAsync(urgency: "Emergency", chargeable: true, price: 99.90m);

        order.Source.Should().Be(WorkOrderSource.Staff);
        order.Status.Should().Be(WorkOrderStatus.Created);
        order.Trade.Should().Be(Trades.Plumbing);
        order.Price.Should().Be(99.90m);
        order.Currency.Should().Be("CNY");
        order.ResponseDueAt.Should().BeCloseTo(before.AddMinutes(30), TimeSpan.FromSeconds(30));
        order.CompletionDueAt.Should().BeCloseTo(before.AddHours(4), TimeSpan.FromSeconds(30));
        order.Steps.Should().ContainSingle().Which.Action.Should().Be("created");
        (await world.OutboxCountAsync<WorkOrderCreated>(order.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_every_failing_field_and_stores_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();

        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(world.EstateId, null, null, "carpentry", " ", "soon", Chargeable: true, Price: 10m), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadAsStringAsync(Ct);
        problem.Should().Contain("\"unitId\"").And.Contain("\"trade\"").And.Contain("\"description\"").And.Contain("\"urgency\"").And.Contain("\"chargeable\"");
        (await CountAsync(world.EstateId)).Should().Be(0);
    }

    [Fact]
    public async Task A_price_with_more_decimals_than_the_estates_currency_is_refused()
    {
        var yen = await new MaintenanceWorld(maintenance).AnnouncedAsync(currency: "JPY");

        var response = await yen.Supervisor.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(yen.EstateId, Guid.NewGuid(), null, "plumbing", "Leak", "Normal", true, 1200.5m), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("\"price\"").And.Contain("0 decimals in JPY");
        (await CountAsync(yen.EstateId)).Should().Be(0);
    }

    [Fact]
    public async Task An_estate_reception_has_not_announced_cannot_be_given_work_orders_yet()
    {
        var estateId = Guid.NewGuid();
        var supervisor = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, estateId));

        var response = await supervisor.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(estateId, null, "Pump room", "plumbing", "Pump noise", "Normal", false, null), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("\"estateId\"");
    }

    [Fact]
    public async Task Another_estates_work_order_is_a_404_to_read_and_a_403_to_write()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var order = await world.CreateAsync();
        var otherEstate = Guid.NewGuid();
        var outsider = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, otherEstate));

        var read = await outsider.GetAsync($"/api/maintenance/work-orders/{order.Id}", Ct);
        var candidates = await outsider.GetAsync($"/api/maintenance/work-orders/{order.Id}/candidates", Ct);
        var dispatch = await outsider.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/dispatch", new DispatchCommand(null, null), ApiJson.Options, Ct);
        var create = await outsider.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(world.EstateId, null, "Lobby", "civil", "Cracked tile", "Normal", false, null), ApiJson.Options, Ct);
        var unknown = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{Guid.NewGuid()}/dispatch", new DispatchCommand(null, null), ApiJson.Options, Ct);

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        candidates.StatusCode.Should().Be(HttpStatusCode.NotFound);
        dispatch.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CountAsync(world.EstateId)).Should().Be(1);
    }

    [Fact]
    public async Task The_list_filters_by_status_technician_and_estate_and_pages_by_keyset()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var dispatched = await world.CreateAsync();
        var waiting1 = await world.CreateAsync();
        var waiting2 = await world.CreateAsync();
        await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{dispatched.Id}/dispatch", new DispatchCommand(plumber, null), ApiJson.Options, Ct);
        var client = world.Technician(plumber);

        var mine = await client.GetFromJsonAsync<Page<WorkOrderResponse>>($"/api/maintenance/work-orders?technicianId={plumber}", ApiJson.Options, Ct);
        var created = await client.GetFromJsonAsync<Page<WorkOrderResponse>>(
            $"/api/maintenance/work-orders?estateId={world.EstateId}&status=created&limit=1", ApiJson.Options, Ct);
        var next = await client.GetFromJsonAsync<Page<WorkOrderResponse>>(
            $"/api/maintenance/work-orders?estateId={world.EstateId}&status=created&limit=1&cursor={created!.NextCursor}", ApiJson.Options, Ct);
        var badStatus = await client.GetAsync("/api/maintenance/work-orders?status=finished", Ct);

        mine!.Items.Select(w => w.Id).Should().Equal(dispatched.Id);
        created.Items.Select(w => w.Id).Should().Equal(waiting2.Id);
        next!.Items.Select(w => w.Id).Should().Equal(waiting1.Id);
        badStatus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
