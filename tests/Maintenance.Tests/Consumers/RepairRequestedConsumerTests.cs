using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Consumers;

public sealed class RepairRequestedConsumerTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RepairRequested Repair(Guid estateId, Guid requestId, string urgency = "Urgent") =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), requestId, Guid.NewGuid(), "Pipe burst in the bathroom", urgency);

    [Fact]
    public async Task A_repair_request_becomes_one_work_order_and_announces_it()
    {
        var repair = Repair(Guid.NewGuid(), Guid.NewGuid());

        await maintenance.Bus.Publish(repair, Ct);

        var page = await WaitForWorkOrdersAsync(repair.RequestId);
        var workOrder = page.Items.Should().ContainSingle().Subject;
        workOrder.EstateId.Should().Be(repair.EstateId);
        workOrder.UnitId.Should().Be(repair.UnitId);
        workOrder.Urgency.Should().Be(WorkOrderUrgency.Urgent);
        workOrder.Status.Should().Be(WorkOrderStatus.Created);
        workOrder.AttachmentIds.Should().BeEmpty("a repair from a producer older than photos names none");

        var announced = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>()
            .OutboxMessages.ToListAsync(Ct));
        announced.Where(m => m.Payload.Contains(workOrder.Id.ToString(), StringComparison.Ordinal)).Should().ContainSingle().Which.CorrelationId.Should().Be(repair.CorrelationId);
    }

    [Fact]
    public async Task A_repair_request_is_handled_in_the_trace_it_was_sent_in_and_the_work_order_event_continues_it()
    {
        var repair = Repair(Guid.NewGuid(), Guid.NewGuid());
        ActivityTraceId trace;
        using (var sender = new Activity("reception outbox publish").SetIdFormat(ActivityIdFormat.W3C))
        {
            sender.ActivityTraceFlags = ActivityTraceFlags.Recorded;
            sender.Start();
            trace = sender.TraceId;
            await maintenance.Bus.Publish(repair, Ct);
        }

        var workOrder = (await WaitForWorkOrdersAsync(repair.RequestId)).Items.Should().ContainSingle().Subject;

        var outbox = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>()
            .OutboxMessages.ToListAsync(Ct));
        var announced = outbox.Should().ContainSingle(m => m.Payload.Contains(workOrder.Id.ToString(), StringComparison.Ordinal)).Subject;
        announced.TraceParent.Should().NotBeNull("the consumer runs under MassTransit's span, which continues the sender's trace");
        ActivityContext.Parse(announced.TraceParent!, announced.TraceState).TraceId.Should().Be(trace);
    }

    [Fact]
    public async Task The_photos_of_the_request_are_kept_on_the_work_order_and_shown_with_it()
    {
        Guid[] photos = [Guid.NewGuid(), Guid.NewGuid()];
        var repair = Repair(Guid.NewGuid(), Guid.NewGuid()) with { AttachmentIds = photos };

        await maintenance.Bus.Publish(repair, Ct);

        var listed = (await WaitForWorkOrdersAsync(repair.RequestId)).Items.Should().ContainSingle().Subject;
        listed.AttachmentIds.Should().Equal(photos);
        var technician = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.Technician, repair.EstateId));
        var read = await technician.GetFromJsonAsync<WorkOrderResponse>($"/api/maintenance/work-orders/{listed.Id}", ApiJson.Options, Ct);
        read!.AttachmentIds.Should().Equal(photos);
    }

    [Fact]
    public async Task The_same_request_delivered_again_or_sent_twice_still_makes_one_work_order()
    {
        var estateId = Guid.NewGuid();
        var requestId = Guid.NewGuid();
        var repair = Repair(estateId, requestId);
        var resent = Repair(estateId, requestId);

        await maintenance.Bus.Publish(repair, Ct);
        await maintenance.Bus.Publish(repair, Ct);
        await maintenance.Bus.Publish(resent, Ct);

        await WaitForWorkOrdersAsync(requestId);
        await Eventually.Async(async () => await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>()
            .InboxMessages.CountAsync(m => m.MessageId == repair.EventId || m.MessageId == resent.EventId, Ct)) == 2, TimeSpan.FromSeconds(30));
        var count = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().WorkOrders.CountAsync(w => w.RequestId == requestId, Ct));
        count.Should().Be(1);
    }

    [Fact]
    public async Task A_work_order_can_be_read_by_id_and_an_unknown_one_is_a_404_problem()
    {
        var repair = Repair(Guid.NewGuid(), Guid.NewGuid(), urgency: "Emergency");
        await maintenance.Bus.Publish(repair, Ct);
        var listed = (await WaitForWorkOrdersAsync(repair.RequestId)).Items.Single();
        var client = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.Technician, repair.EstateId));

        var found = await client.GetFromJsonAsync<WorkOrderResponse>($"/api/maintenance/work-orders/{listed.Id}", ApiJson.Options, Ct);
        var missing = await client.GetAsync($"/api/maintenance/work-orders/{Guid.NewGuid()}", Ct);

        found!.Urgency.Should().Be(WorkOrderUrgency.Emergency);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<Page<WorkOrderResponse>> WaitForWorkOrdersAsync(Guid requestId)
    {
        var client = maintenance.CreateClient(TestCaller.GroupAdmin());
        Page<WorkOrderResponse>? page = null;
        await Eventually.Async(async () =>
        {
            page = await client.GetFromJsonAsync<Page<WorkOrderResponse>>($"/api/maintenance/work-orders?requestId={requestId}", ApiJson.Options, Ct);
            return page!.Items.Count > 0;
        }, TimeSpan.FromSeconds(30), "maintenance should consume RepairRequested from the broker");
        return page!;
    }
}
