using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Plans;
using PropertyPlatform.Maintenance.Features.Reports;
using PropertyPlatform.Maintenance.Features.Store;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Kpis;

/// <summary>
/// Maintenance's standards (domain.md, Maintenance) over an estate-local month, in the platform's KPI shape: SLA attainment
/// per urgency (the same measure as the SLA report), the stocktake posted by the 24th, and plan tasks (inspections,
/// preventive and environment work) done on time. Work still within its deadline is not counted yet.
/// </summary>
[KpiRecords(typeof(ReportsApi), nameof(ReportsApi.Sla))]
[KpiRecords(typeof(StocktakesApi), nameof(StocktakesApi.List))]
[KpiRecords(typeof(PlansApi), nameof(PlansApi.ListTasks))]
public static class MaintenanceKpis
{
    public const decimal OnTimeTarget = 1.00m;

    public static RouteGroupBuilder MapMaintenanceKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", Monthly).WithTags("KPIs").RequireRoles(MaintenanceRoles.Dispatchers);
        return api;
    }

    public static async Task<Ok<KpiReport>> Monthly(
        MaintenanceDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? month, CancellationToken cancellationToken)
    {
        var kpiPeriod = KpiPeriod.Parse(estateId, month, scope);
        var period = await ReportPeriod.ForAsync(db, kpiPeriod, cancellationToken);
        var now = time.GetUtcNow();
        var orders = await WorkOrderSla.OfAsync(db, period, cancellationToken);
        var workOrdersLink = $"/api/maintenance/reports/sla?estateId={period.EstateId}&month={period.Month}";
        var kpis = Enum.GetValues<WorkOrderUrgency>().Select(urgency =>
        {
            var outcomes = orders.Where(o => o.Urgency == urgency).Select(o => o.Outcome(now)).ToList();
            return Kpi.Measure($"sla-attainment-{urgency.ToString().ToLowerInvariant()}",
                $"{urgency} work orders: a technician on site and the work completed within the {urgency.ToString().ToLowerInvariant()} deadlines.", OnTimeTarget,
                outcomes.Count(o => o == SlaOutcome.Met), outcomes.Count(o => o != SlaOutcome.Pending), workOrdersLink);
        }).ToList();

        var stocktake = await db.Stocktakes.AsNoTracking().SingleOrDefaultAsync(s => s.EstateId == period.EstateId && s.Month == kpiPeriod.FirstDay, cancellationToken);
        // Measured once posted or once the 24th has passed; with no stocktake opened, only if the store had parts to count by then.
        var deadline = StocktakeDeadline.Policy.FirstDue(period.From, period.Calendar);
        var stocktakeDue = stocktake is not null ? stocktake.PostedAt is not null || stocktake.Deadline.DueAt < now
            : now > deadline && await db.SpareParts.AnyAsync(p => p.EstateId == period.EstateId && p.CreatedAt < deadline, cancellationToken);
        kpis.Add(Kpi.Measure("stocktake-by-24th", "The store's monthly stocktake is posted by the 24th.", OnTimeTarget,
            stocktake?.Deadline.Met == true ? 1 : 0, stocktakeDue ? 1 : 0, $"/api/maintenance/store/stocktakes?estateId={period.EstateId}"));

        var tasks = db.PlanTasks.AsNoTracking().Where(t => t.EstateId == period.EstateId && t.DueAt >= period.From && t.DueAt < period.To);
        var measured = await tasks.CountAsync(t => t.Done.CompletedAt != null || t.Done.DueAt < now, cancellationToken);
        var onTime = await tasks.CountAsync(t => t.Done.CompletedAt != null && t.Done.CompletedAt <= t.Done.DueAt && t.Done.BreachedAt == null, cancellationToken);
        kpis.Add(Kpi.Measure("inspections-on-time", "Inspection, preventive and environment tasks are done by their deadline.", OnTimeTarget,
            onTime, measured, $"/api/maintenance/plan-tasks?estateId={period.EstateId}"));
        return TypedResults.Ok(kpiPeriod.Report(kpis));
    }
}
