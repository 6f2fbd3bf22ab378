using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Maintenance.Features.Plans;

/// <summary>
/// Turns due plan occurrences into tasks and planned work orders (source "plan"). Idempotent across runs and replicas:
/// the task is unique per plan and due day, and the plan's row version moves on with it, in the one save that also adds
/// the work order and its <c>WorkOrderCreated</c>; a second runner's save fails as a whole and is skipped.
/// </summary>
public sealed class PlanScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<PlanScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    /// <summary>Occurrences one plan may catch up on in a pass (after downtime); the rest follow in the next pass.</summary>
    private const int MaxOccurrencesPerPass = 31;

    private const int BatchSize = 200;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Description => "Creating due plan tasks";

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = await CreateDueTasksAsync(services.GetRequiredService<MaintenanceDbContext>(), now, cancellationToken);
        if (created > 0)
        {
            logger.LogInformation("Created {Count} planned work orders", created);
        }
    }

    /// <summary>Creates every task due at <paramref name="now"/>; returns how many this run created.</summary>
    public static async Task<int> CreateDueTasksAsync(MaintenanceDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        var due = await db.Plans.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.Active && p.NextDueAt <= now)
            .OrderBy(p => p.NextDueAt)
            .Select(p => p.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var created = 0;
        foreach (var planId in due)
        {
            for (var i = 0; i < MaxOccurrencesPerPass; i++)
            {
                db.ChangeTracker.Clear();
                var plan = await db.Plans.IgnoreQueryFilters().SingleAsync(p => p.Id == planId, cancellationToken);
                var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == plan.EstateId, cancellationToken);
                if (!plan.IsDue(now) || known is null)
                {
                    break;
                }

                var calendar = known.ToCalendar();
                var task = plan.TakeDueTask(now, calendar);
                var workOrder = WorkOrder.FromPlan(plan, task, now, calendar);
                task.AttachWorkOrder(workOrder.Id);
                db.PlanTasks.Add(task);
                db.WorkOrders.Add(workOrder);
                WorkOrderEvents.Created(db, workOrder, now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    created++;
                }
                catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
                {
                    // Another runner took this occurrence (and moved the plan on): its work order stands.
                    break;
                }
            }
        }

        db.ChangeTracker.Clear();
        return created;
    }
}
