using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Store;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Store;

public sealed class StoreTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CompleteWorkOrderCommand Used(params PartUsedInput[] parts) => new(parts, 30, TestDone: true, SiteCleaned: true, null, []);

    internal static async Task<PartResponse> PartAsync(MaintenanceWorld world, string code, decimal reorderLevel = 5, decimal receive = 0)
    {
        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/store/parts",
            new CreatePartCommand(world.EstateId, code, "Ball valve DN15", "pcs", reorderLevel), ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var part = (await response.Content.ReadFromJsonAsync<PartResponse>(ApiJson.Options, Ct))!;
        if (receive > 0)
        {
            await ReceiveAsync(world, part.Id, receive);
        }

        return part;
    }

    private static async Task<StockMovementResponse> ReceiveAsync(MaintenanceWorld world, Guid partId, decimal quantity)
    {
        var response = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/store/parts/{partId}/receipts", new ReceiveStockCommand(quantity, "Delivery note 1187"), ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<StockMovementResponse>(ApiJson.Options, Ct))!;
    }

    private static async Task<PartResponse> GetPartAsync(MaintenanceWorld world, Guid partId) =>
        (await world.Supervisor.GetFromJsonAsync<PartResponse>($"/api/maintenance/store/parts/{partId}", ApiJson.Options, Ct))!;

    private static async Task<IReadOnlyList<StockMovementResponse>> BookAsync(MaintenanceWorld world, string filter) =>
        (await world.Supervisor.GetFromJsonAsync<Page<StockMovementResponse>>($"/api/maintenance/store/movements?{filter}&limit=100", ApiJson.Options, Ct))!.Items;

    private Task<int> PartCountAsync(Guid estateId) => maintenance.InScopeAsync(sp =>
        sp.GetRequiredService<MaintenanceDbContext>().SpareParts.IgnoreQueryFilters().CountAsync(p => p.EstateId == estateId, Ct));

    [Fact]
    public async Task Receipts_go_into_the_stock_book_and_raise_what_is_on_hand()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var part = await PartAsync(world, "valve-dn15");

        await ReceiveAsync(world, part.Id, 10);
        await ReceiveAsync(world, part.Id, 2.5m);

        var shown = await GetPartAsync(world, part.Id);
        shown.Code.Should().Be("VALVE-DN15");
        shown.OnHand.Should().Be(12.5m);
        var book = await BookAsync(world, $"partId={part.Id}");
        book.Select(m => (m.Number, m.Kind, m.Quantity, m.BalanceAfter)).Should().Equal(
            (2, StockMovementKind.Receipt, 2.5m, 12.5m), (1, StockMovementKind.Receipt, 10m, 10m));
    }

    [Fact]
    public async Task Bad_part_input_is_a_400_naming_every_failing_field_and_stores_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();

        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/store/parts",
            new CreatePartCommand(world.EstateId, "VALVE 15!", " ", null, -1), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        problem.Should().Contain("\"code\"").And.Contain("\"name\"").And.Contain("\"unit\"").And.Contain("\"reorderLevel\"");
        (await PartCountAsync(world.EstateId)).Should().Be(0);
    }

    [Fact]
    public async Task A_part_code_is_unique_in_the_estates_store()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        await PartAsync(world, "FUSE-10A");

        var duplicate = await world.Supervisor.PostAsJsonAsync("/api/maintenance/store/parts",
            new CreatePartCommand(world.EstateId, "fuse-10a", "Fuse", "pcs", 1), ApiJson.Options, Ct);

        duplicate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadAsStringAsync(Ct)).Should().Contain("\"code\"");
        (await PartCountAsync(world.EstateId)).Should().Be(1);
    }

    [Fact]
    public async Task A_wrong_receipt_is_corrected_by_a_new_entry_and_the_receipt_stays_as_booked()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var part = await PartAsync(world, "PIPE-20");
        var receipt = await ReceiveAsync(world, part.Id, 12);

        var response = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/store/movements/{receipt.Id}/corrections",
            new CorrectReceiptCommand(10, "Two pieces were short in the delivery"), ApiJson.Options, Ct);
        var again = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/store/movements/{receipt.Id}/corrections",
            new CorrectReceiptCommand(10, "Same again"), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "the receipt already stands at 10");
        var book = await BookAsync(world, $"partId={part.Id}");
        book.Should().HaveCount(2);
        book.Single(m => m.Id == receipt.Id).Quantity.Should().Be(12, "an entry is never edited");
        var correction = book.Single(m => m.Kind == StockMovementKind.Correction);
        correction.Quantity.Should().Be(-2);
        correction.CorrectsId.Should().Be(receipt.Id);
        correction.Note.Should().Be("Two pieces were short in the delivery");
        (await GetPartAsync(world, part.Id)).OnHand.Should().Be(10);
    }

    [Fact]
    public async Task Parts_used_at_completion_are_issued_from_the_store_against_the_work_order()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var part = await PartAsync(world, "VALVE-DN15", reorderLevel: 1, receive: 10);
        var (order, plumber) = await world.OnSiteAsync();

        var response = await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            Used(new PartUsedInput(null, 2, "valve-dn15"), new PartUsedInput("PTFE tape", 1)), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var completed = (await response.Content.ReadFromJsonAsync<WorkOrderResponse>(ApiJson.Options, Ct))!;
        completed.PartsUsed.Should().Equal(new PartUsed("Ball valve DN15", 2, "VALVE-DN15"), new PartUsed("PTFE tape", 1));
        var issues = await BookAsync(world, $"workOrderId={order.Id}");
        issues.Should().ContainSingle().Which.Should().Match<StockMovementResponse>(m =>
            m.Kind == StockMovementKind.Issue && m.Quantity == -2 && m.PartId == part.Id && m.By == plumber.ToString());
        (await GetPartAsync(world, part.Id)).OnHand.Should().Be(8);
    }

    [Fact]
    public async Task A_rework_completion_settles_the_orders_draw_to_what_it_used_in_all()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var valve = await PartAsync(world, "VALVE-DN15", reorderLevel: 0, receive: 10);
        var tape = await PartAsync(world, "TAPE-PTFE", reorderLevel: 0, receive: 10);
        var (order, plumber) = await world.OnSiteAsync();
        var technician = world.Technician(plumber);
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            Used(new PartUsedInput(null, 3, "VALVE-DN15"), new PartUsedInput(null, 1, "TAPE-PTFE")), ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        var owner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, order.UnitId!.Value));
        (await owner.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/verify", new VerifyWorkOrderCommand(false, "Still dripping"), ApiJson.Options, Ct))
            .EnsureSuccessStatusCode();
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/accept", new { }, ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/arrive", new { }, ApiJson.Options, Ct)).EnsureSuccessStatusCode();

        var rework = await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            Used(new PartUsedInput(null, 4, "VALVE-DN15")), ApiJson.Options, Ct);

        rework.StatusCode.Should().Be(HttpStatusCode.OK, await rework.Content.ReadAsStringAsync(Ct));
        (await GetPartAsync(world, valve.Id)).OnHand.Should().Be(6, "the order used 4 valves in all");
        (await GetPartAsync(world, tape.Id)).OnHand.Should().Be(10, "the tape no longer listed went back to the store");
        var book = await BookAsync(world, $"workOrderId={order.Id}");
        book.Select(m => (m.PartId, m.Kind, m.Quantity)).Should().BeEquivalentTo(
        [
            (valve.Id, StockMovementKind.Issue, -3m), (tape.Id, StockMovementKind.Issue, -1m),
            (valve.Id, StockMovementKind.Issue, -1m), (tape.Id, StockMovementKind.Return, 1m),
        ]);
    }

    [Fact]
    public async Task Using_more_than_is_on_hand_is_a_409_and_completes_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var part = await PartAsync(world, "VALVE-DN15", receive: 1);
        var (order, plumber) = await world.OnSiteAsync();

        var response = await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            Used(new PartUsedInput(null, 2, "VALVE-DN15")), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await world.GetAsync(order.Id)).Status.Should().Be(WorkOrderStatus.OnSite);
        (await GetPartAsync(world, part.Id)).OnHand.Should().Be(1);
    }

    [Fact]
    public async Task A_part_code_not_in_the_estates_store_is_a_400_naming_the_line()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, plumber) = await world.OnSiteAsync();

        var response = await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            Used(new PartUsedInput("Tape", 1), new PartUsedInput(null, 2, "NO-SUCH-PART")), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("parts[1].code");
        (await world.GetAsync(order.Id)).Status.Should().Be(WorkOrderStatus.OnSite);
    }

    [Fact]
    public async Task Falling_below_the_reorder_level_alerts_the_estates_maintenance_supervisor_once_and_lists_the_part_as_low()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var supervisorId = Guid.NewGuid();
        await world.PublishAsync(new StaffHired(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), supervisorId, "Li the supervisor",
            "Maintenance supervisor", [], [world.EstateId], DateOnly.FromDateTime(DateTime.UtcNow)));
        var part = await PartAsync(world, "VALVE-DN15", reorderLevel: 5, receive: 6);
        var (order, plumber) = await world.OnSiteAsync();

        (await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            Used(new PartUsedInput(null, 2, "VALVE-DN15")), ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        var receipt = await ReceiveAsync(world, part.Id, 0.5m);
        var stillLow = await GetPartAsync(world, part.Id);

        stillLow.OnHand.Should().Be(4.5m);
        stillLow.Low.Should().BeTrue();
        var notifications = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().OutboxMessages
            .Where(m => m.EventType.StartsWith(typeof(NotificationRequested).FullName + ",")).Select(m => m.Payload).ToListAsync(Ct));
        notifications.Where(p => p.Contains(part.Id.ToString(), StringComparison.Ordinal)).Should().ContainSingle("the alert is sent when the part crosses the line, not at every entry below it")
            .Which.Should().Contain(supervisorId.ToString()).And.Contain(StockAlerts.LowStockTemplate).And.Contain("\"staff\"");
        var low = await world.Supervisor.GetFromJsonAsync<Page<PartResponse>>($"/api/maintenance/store/parts?estateId={world.EstateId}&low=true", ApiJson.Options, Ct);
        low!.Items.Select(p => p.Id).Should().Equal(part.Id);
        receipt.BalanceAfter.Should().Be(4.5m);
    }

    [Fact]
    public async Task A_technician_cannot_run_the_store_and_another_estates_part_is_404_to_read_and_403_to_write()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var other = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var part = await PartAsync(other, "FUSE-10A");

        var byTechnician = await world.Technician(Guid.NewGuid()).PostAsJsonAsync("/api/maintenance/store/parts",
            new CreatePartCommand(world.EstateId, "FUSE-10A", "Fuse", "pcs", 1), ApiJson.Options, Ct);
        var read = await world.Supervisor.GetAsync($"/api/maintenance/store/parts/{part.Id}", Ct);
        var write = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/store/parts/{part.Id}/receipts", new ReceiveStockCommand(5, null), ApiJson.Options, Ct);

        byTechnician.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await GetPartAsync(other, part.Id)).OnHand.Should().Be(0);
    }
}
