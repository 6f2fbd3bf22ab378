using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Features.Deadlines;

/// <summary>A technician on site within the response time of the order's urgency.</summary>
public sealed class WorkOrderResponseWatch : ISlaWatch<MaintenanceDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(MaintenanceDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.WorkOrders.WithClockDueAsync(w => w.Response, now, limit, cancellationToken);
        return [.. due.Select(w => new WatchedDeadline(Subjects.WorkOrder, w.Id, w.EstateId, w.CorrelationId, WorkOrderDeadlines.Response(w.Urgency), w.Response)
        {
            Holder = PlatformRoles.Technician,
        })];
    }
}

/// <summary>The work completed within the completion time of the order's urgency.</summary>
public sealed class WorkOrderCompletionWatch : ISlaWatch<MaintenanceDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(MaintenanceDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.WorkOrders.WithClockDueAsync(w => w.Completion, now, limit, cancellationToken);
        return [.. due.Select(w => new WatchedDeadline(Subjects.WorkOrder, w.Id, w.EstateId, w.CorrelationId, WorkOrderDeadlines.Completion(w.Urgency), w.Completion)
        {
            Holder = PlatformRoles.Technician,
        })];
    }
}

/// <summary>The names maintenance's deadlines carry in SLA events.</summary>
public static class Subjects
{
    public const string WorkOrder = "work-order";
}
