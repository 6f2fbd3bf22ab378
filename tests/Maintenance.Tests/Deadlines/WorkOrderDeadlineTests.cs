using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Deadlines;

public sealed class WorkOrderDeadlineTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_emergency_without_a_technician_on_site_in_30_minutes_breaches_to_the_maintenance_supervisor_then_the_manager_against_the_technician()
    {
        var estateId = Guid.NewGuid();
        var technicianId = Guid.NewGuid();
        var twoHoursAgo = DateTimeOffset.UtcNow.AddHours(-2);
        var workOrderId = await maintenance.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaintenanceDbContext>();
            var order = WorkOrder.FromEmergency(estateId, Guid.NewGuid(), Guid.NewGuid(), Trades.Plumbing, "Burst pipe", twoHoursAgo, Guid.NewGuid(),
                WorkOrderDeadlines.AroundTheClock);
            order.Dispatch(technicianId, "Wang", Trades.Plumbing, Actor.System, twoHoursAgo);
            db.WorkOrders.Add(order);
            await db.SaveChangesAsync(Ct);
            return order.Id;
        });

        await maintenance.Services.GetRequiredService<SlaMonitor<MaintenanceDbContext>>().CheckAsync(Ct);

        var (events, outbox) = await maintenance.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaintenanceDbContext>();
            return (await db.Set<SlaEvent>().AsNoTracking().Where(e => e.SubjectId == workOrderId).ToListAsync(Ct),
                await db.OutboxMessages.AsNoTracking().Where(m => m.EventType.StartsWith(typeof(SlaBreached).FullName + ",")).Select(m => m.Payload).ToListAsync(Ct));
        });
        events.Should().Contain(e => e.Kind == SlaEventKind.Breached && e.Policy == "work-order-response-emergency"
            && e.NotifiedRole == PlatformRoles.MaintenanceSupervisor);
        events.Should().Contain(e => e.Kind == SlaEventKind.Escalated && e.Policy == "work-order-response-emergency"
            && e.NotifiedRole == PlatformRoles.EstateManager);
        events.Should().NotContain(e => e.Policy == "work-order-completion-emergency" && e.Kind != SlaEventKind.Warned,
            "four hours to complete have not passed yet");
        var breach = outbox.Select(p => JsonSerializer.Deserialize<SlaBreached>(p, JsonSerializerOptions.Web)!).Single(b => b.SubjectId == workOrderId);
        breach.Service.Should().Be("maintenance");
        breach.ResponsibleStaffId.Should().Be(technicianId, "the technician the order was dispatched to answers for the deadline");

        var supervisor = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, estateId));
        var shown = await supervisor.GetFromJsonAsync<WorkOrderResponse>($"/api/maintenance/work-orders/{workOrderId}", ApiJson.Options, Ct);
        shown!.ResponseBreached.Should().BeTrue();
        (await supervisor.GetAsync($"/api/maintenance/sla-events?estateId={estateId}", Ct)).IsSuccessStatusCode.Should().BeTrue(
            "the maintenance supervisor reads the breaches escalated to them");
    }
}
