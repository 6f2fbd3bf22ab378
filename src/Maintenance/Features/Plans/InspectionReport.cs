using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Plans;

/// <summary>How one plan's tasks due in the period went; <c>failedItems</c> are checklist items that did not meet the standard.</summary>
public sealed record PlanPeriodLine(
    Guid PlanId, string Title, PlanKind Kind, string Area, Guid? AssetId, int Due, int DoneOnTime, int DoneLate, int Open, int Overdue,
    IReadOnlyList<string> FailedItems);

/// <summary>An estate's inspection report for an estate-local month: per plan, and in total.</summary>
public sealed record InspectionReportResponse(
    Guid EstateId, string Month, int Due, int DoneOnTime, int DoneLate, int Open, int Overdue, IReadOnlyList<PlanPeriodLine> Plans);

/// <summary>The estate manager's inspection report per period: plan tasks due in the month and whether they were done on time.</summary>
public static class InspectionReport
{
    public static RouteGroupBuilder MapInspectionReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/inspection-report", Monthly).WithTags("Plans").RequireRoles(MaintenanceRoles.Dispatchers);
        return api;
    }

    public static async Task<Ok<InspectionReportResponse>> Monthly(
        MaintenanceDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? month, CancellationToken cancellationToken)
    {
        var period = KpiPeriod.Parse(estateId, month, scope);
        var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == period.EstateId, cancellationToken)
            ?? throw new NotFoundException("Estate", period.EstateId);
        var (from, to) = known.ToCalendar().LocalMonth(period.FirstDay);
        var now = time.GetUtcNow();
        var tasks = await DueIn(db, period.EstateId, from, to).ToListAsync(cancellationToken);
        var planIds = tasks.Select(t => t.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var lines = tasks.GroupBy(t => t.PlanId).Select(g =>
        {
            var plan = plans[g.Key];
            return new PlanPeriodLine(
                plan.Id, plan.Title, plan.Kind, plan.Area, plan.AssetId, g.Count(), g.Count(t => t.Done.Met), g.Count(t => t.DoneAt is not null && !t.Done.Met),
                g.Count(t => t.DoneAt is null), g.Count(t => t.DoneAt is null && now > t.Done.DueAt),
                [.. g.SelectMany(t => t.Answers).Where(a => !a.Passed).Select(a => a.Item).Distinct()]);
        }).OrderBy(l => l.Title).ToList();
        return TypedResults.Ok(new InspectionReportResponse(
            period.EstateId, period.Month, lines.Sum(l => l.Due), lines.Sum(l => l.DoneOnTime), lines.Sum(l => l.DoneLate), lines.Sum(l => l.Open),
            lines.Sum(l => l.Overdue), lines));
    }

    /// <summary>The estate's plan tasks that fell due in [<paramref name="from"/>, <paramref name="to"/>): what the report and the KPI count.</summary>
    internal static IQueryable<PlanTask> DueIn(MaintenanceDbContext db, Guid estateId, DateTimeOffset from, DateTimeOffset to) =>
        db.PlanTasks.AsNoTracking().Where(t => t.EstateId == estateId && t.DueAt >= from && t.DueAt < to);
}
