using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Features.Plans;

/// <summary>A plan's task done within its frequency's deadline; otherwise the plan is overdue (a breach to the maintenance supervisor).</summary>
public sealed class PlanTaskWatch : ISlaWatch<MaintenanceDbContext>
{
    public const string Subject = "plan-task";

    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(MaintenanceDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.PlanTasks.WithClockDueAsync(t => t.Done, now, limit, cancellationToken);
        return [.. due.Select(t => new WatchedDeadline(Subject, t.Id, t.EstateId, t.Id, PlanDeadlines.Named(t.Done.Policy), t.Done)
        {
            Holder = PlatformRoles.Technician,
        })];
    }
}
