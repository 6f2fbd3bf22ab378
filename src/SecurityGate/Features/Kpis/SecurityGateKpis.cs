using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.FireSafety;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.SecurityGate.Features.Patrols;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.Kpis;

/// <summary>
/// security-gate's standards over an estate-local month, in the platform's KPI shape. Only what is decided counts: a
/// checkpoint or fire check whose deadline is still ahead is in neither number.
/// </summary>
[KpiRecords(typeof(PatrolsApi), nameof(PatrolsApi.ListVisits))]
[KpiRecords(typeof(FireSafetyApi), nameof(FireSafetyApi.ListChecks))]
[KpiRecords(typeof(IncidentsApi), nameof(IncidentsApi.List))]
public static class SecurityGateKpis
{
    public const decimal Target = 1.00m;

    public static RouteGroupBuilder MapSecurityGateKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", Monthly).WithTags("KPIs").RequireRoles(SecurityGateRoles.Supervisors);
        return api;
    }

    public static async Task<Ok<KpiReport>> Monthly(
        SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, TimeProvider time, Guid? estateId, string? month, CancellationToken cancellationToken)
    {
        var period = KpiPeriod.Parse(estateId, month, scope);
        var calendar = await calendars.GetAsync(period.EstateId, cancellationToken) ?? throw new NotFoundException("Estate", period.EstateId);
        var (from, to) = calendar.LocalMonth(period.FirstDay);
        var now = time.GetUtcNow();
        var estate = period.EstateId;

        var checkpoints = db.CheckpointVisits.AsNoTracking().Where(v => v.EstateId == estate && v.ExpectedAt >= from && v.ExpectedAt < to && v.Due.DueAt < now);
        var checkpointsDue = await checkpoints.CountAsync(cancellationToken);
        var checkpointsOnTime = await checkpoints.CountAsync(v => v.ScannedAt != null && v.ScannedAt <= v.Due.DueAt, cancellationToken);
        var fireChecks = db.FireChecks.AsNoTracking().Where(c => c.EstateId == estate && c.DueAt >= from && c.DueAt < to && c.DueAt < now);
        var fireChecksDue = await fireChecks.CountAsync(cancellationToken);
        var fireChecksDone = await fireChecks.CountAsync(c => c.DoneAt != null && c.DoneAt <= c.DueAt, cancellationToken);
        var incidents = db.Incidents.AsNoTracking().Where(i => i.EstateId == estate && i.ReportedAt >= from && i.ReportedAt < to);
        var incidentsReported = await incidents.CountAsync(cancellationToken);
        var incidentsHandled = await incidents.CountAsync(i => i.HandledAt != null, cancellationToken);

        return TypedResults.Ok(period.Report(
        [
            Kpi.Measure("patrol-checkpoints-on-time", "Every patrol checkpoint is scanned by its time.", Target,
                checkpointsOnTime, checkpointsDue, $"/api/security-gate/patrols/checkpoints?estateId={estate}"),
            Kpi.Measure("fire-checks-done", "Fire-equipment and fire-lane checks are done on schedule.", Target,
                fireChecksDone, fireChecksDue, $"/api/security-gate/fire-safety/checks?estateId={estate}"),
            Kpi.Measure("incidents-handled", "Every incident is handled.", Target,
                incidentsHandled, incidentsReported, $"/api/security-gate/incidents?estateId={estate}"),
        ]));
    }
}
