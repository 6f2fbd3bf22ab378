using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.Patrols;

public sealed record CheckpointInput(string? Code, string? Name, int? MinutesFromStart);

/// <summary>A route: its checkpoints (tag codes, unique in the route) and the estate-local times of day (<c>HH:mm</c>) a round starts.</summary>
public sealed record CreateRouteCommand(Guid? EstateId, string? Name, CheckpointInput[]? Checkpoints, string[]? StartTimes);

public sealed record RouteResponse(Guid Id, Guid EstateId, string Name, IReadOnlyList<RouteCheckpoint> Checkpoints, IReadOnlyList<string> StartTimes);

/// <summary>A tag scan. <c>scanId</c> is the device's id for the scan: sent again (a retry, an offline upload), it changes nothing.</summary>
public sealed record ScanCommand(Guid? EstateId, string? CheckpointCode, DateTimeOffset? ScannedAt, Guid? ScanId);

public sealed record ScanResponse(Guid Id, Guid EstateId, string CheckpointCode, string Guard, DateTimeOffset ScannedAt, string Outcome, Guid? VisitId, DateTimeOffset? ExpectedAt);

public sealed record CheckpointVisitResponse(
    Guid Id, Guid RouteId, string Code, string CheckpointName, DateTimeOffset ExpectedAt, DateTimeOffset DueAt, DateTimeOffset? ScannedAt, string? ScannedBy,
    string Status);

public sealed record ReportFindingCommand(Guid? EstateId, string? Location, Guid? UnitId, string? Description, bool? NeedsReception, bool? NeedsRepair);

public sealed record FindingResponse(
    Guid Id, Guid EstateId, Guid? UnitId, string Location, string Description, bool NeedsReception, bool NeedsRepair, DateTimeOffset ReportedAt);

public static class PatrolsApi
{
    public static RouteGroupBuilder MapPatrolsApi(this RouteGroupBuilder api)
    {
        var patrols = api.MapGroup("/patrols").WithTags("Patrols");
        patrols.MapPost("/routes", CreateRoute).RequireRoles(SecurityGateRoles.Supervisors);
        patrols.MapGet("/routes", ListRoutes).RequireRoles(SecurityGateRoles.Readers);
        patrols.MapGet("/checkpoints", ListVisits).RequireRoles(SecurityGateRoles.Readers);
        patrols.MapPost("/scans", Scan).RequireRoles(SecurityGateRoles.Gate);
        patrols.MapPost("/findings", ReportFinding).RequireRoles(SecurityGateRoles.Gate);
        patrols.MapGet("/findings", ListFindings).RequireRoles(SecurityGateRoles.Readers);
        return api;
    }

    public static async Task<Created<RouteResponse>> CreateRoute(
        CreateRouteCommand command, SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var name = errors.Text(command.Name, "name", maxLength: 100);
        var checkpoints = new List<RouteCheckpoint>();
        if (command.Checkpoints is not { Length: > 0 and <= 100 })
        {
            errors.Add("checkpoints", "Required: 1 to 100 checkpoints.");
        }
        else
        {
            for (var i = 0; i < command.Checkpoints.Length; i++)
            {
                var c = command.Checkpoints[i];
                var code = errors.Text(c.Code, $"checkpoints[{i}].code", maxLength: 64).ToUpperInvariant();
                if (checkpoints.Any(k => k.Code == code))
                {
                    errors.Add($"checkpoints[{i}].code", "Appears twice in the route.");
                }

                if (c.MinutesFromStart is not (>= 0 and <= 720))
                {
                    errors.Add($"checkpoints[{i}].minutesFromStart", "Required: 0 to 720 minutes after the round starts.");
                }

                checkpoints.Add(new RouteCheckpoint(code, errors.OptionalText(c.Name, $"checkpoints[{i}].name", maxLength: 100) ?? code, c.MinutesFromStart ?? 0));
            }
        }

        var startTimes = new List<TimeOnly>();
        if (command.StartTimes is not { Length: > 0 and <= 48 })
        {
            errors.Add("startTimes", "Required: 1 to 48 estate-local times of day (HH:mm).");
        }
        else
        {
            startTimes.AddRange(command.StartTimes.Select((t, i) => errors.TimeOfDay(t, $"startTimes[{i}]")).OfType<TimeOnly>());
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var calendar = await calendars.GetAsync(estateId, cancellationToken)
            ?? throw new ConflictException("The estate's calendar has not reached security-gate yet: its local times cannot be placed.");
        var now = time.GetUtcNow();
        var route = PatrolRoute.Create(estateId, name, checkpoints, startTimes, now);
        db.Routes.Add(route);
        db.CheckpointVisits.AddRange(route.LayOutRounds(now + PatrolScheduler.Horizon, calendar));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/patrols/routes/{route.Id}", ToResponse(route));
    }

    public static async Task<Ok<RouteResponse[]>> ListRoutes(SecurityGateDbContext db, Guid? estateId, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        var routes = await db.Routes.AsNoTracking().Where(r => r.EstateId == estate).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(routes.Select(ToResponse).ToArray());
    }

    /// <summary>
    /// Records a scan by the caller. It counts for the checkpoint's latest visit expected by then (plus the tolerance)
    /// that is not scanned yet: a round missed earlier stays missed. A scan of a checkpoint already scanned changes nothing.
    /// </summary>
    public static async Task<Results<Created<ScanResponse>, Ok<ScanResponse>>> Scan(
        ScanCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var code = errors.Text(command.CheckpointCode, "checkpointCode", maxLength: 64).ToUpperInvariant();
        var scannedAt = errors.HappenedAt(command.ScannedAt, "scannedAt", now);
        if (command.ScanId == Guid.Empty)
        {
            errors.Add("scanId", "Must be the device's id for the scan, or left out.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (command.ScanId is { } resent && await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == resent, cancellationToken) is { } known)
        {
            return TypedResults.Ok(await ToResponseAsync(db, known, cancellationToken));
        }

        var routeCodes = await db.Routes.AsNoTracking().Where(r => r.EstateId == estateId).Select(r => r.Checkpoints).ToListAsync(cancellationToken);
        if (!routeCodes.Any(checkpoints => checkpoints.Any(c => c.Code == code)))
        {
            throw new ValidationFailedException("checkpointCode", "No route of the estate has this checkpoint.");
        }

        var latestExpected = scannedAt + PatrolDeadlines.Tolerance;
        var earliest = scannedAt.AddHours(-12);
        var visit = await db.CheckpointVisits
            .Where(v => v.EstateId == estateId && v.Code == code && v.ExpectedAt <= latestExpected && v.ExpectedAt >= earliest)
            .OrderByDescending(v => v.ExpectedAt).FirstOrDefaultAsync(cancellationToken);
        if (visit?.ScannedAt is not null)
        {
            // Scanned already (a double tap, a second guard): the first scan stands.
            var first = await db.Scans.AsNoTracking().Where(s => s.VisitId == visit.Id).OrderBy(s => s.RecordedAt).FirstAsync(cancellationToken);
            return TypedResults.Ok(await ToResponseAsync(db, first, cancellationToken));
        }

        var guard = scope.Subject ?? "";
        visit?.Scan(scannedAt, guard);
        var scan = PatrolScan.Record(command.ScanId ?? Guid.CreateVersion7(now), estateId, code, guard, scannedAt, visit, now);
        db.Scans.Add(scan);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same scan sent twice at once (the other copy recorded it), or an id a device of another estate used.
            db.ChangeTracker.Clear();
            var recorded = await db.Scans.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scan.Id, cancellationToken)
                ?? throw new ConflictException($"The scanId '{scan.Id}' was used for another scan.");
            return TypedResults.Ok(await ToResponseAsync(db, recorded, cancellationToken));
        }

        return TypedResults.Created($"/api/security-gate/patrols/scans/{scan.Id}", ToResponse(scan, visit));
    }

    /// <summary>An estate's checkpoint visits, newest expected first; <c>status</c> <c>missed</c>, <c>late</c>, <c>onTime</c> or <c>pending</c>.</summary>
    public static async Task<Ok<Page<CheckpointVisitResponse>>> ListVisits(
        SecurityGateDbContext db, TimeProvider time, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        if (status is not (null or "missed" or "late" or "onTime" or "pending"))
        {
            errors.Add("status", "Must be one of: missed, late, onTime, pending.");
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var query = db.CheckpointVisits.AsNoTracking().Where(v => v.EstateId == estate && v.ExpectedAt <= now);
        query = status switch
        {
            "missed" => query.Where(v => v.ScannedAt == null && v.Due.DueAt < now),
            "late" => query.Where(v => v.ScannedAt != null && v.ScannedAt > v.Due.DueAt),
            "onTime" => query.Where(v => v.ScannedAt != null && v.ScannedAt <= v.Due.DueAt),
            "pending" => query.Where(v => v.ScannedAt == null && v.Due.DueAt >= now),
            _ => query,
        };
        return TypedResults.Ok(await query.ToKeysetPageAsync(v => v.ExpectedAt, v => v.Id, cursor, limit, v => ToResponse(v, now), cancellationToken));
    }

    public static async Task<Created<FindingResponse>> ReportFinding(
        ReportFindingCommand command, SecurityGateDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var location = errors.Text(command.Location, "location", maxLength: 200);
        var description = errors.Text(command.Description, "description", maxLength: 2000);
        errors.OptionalId(command.UnitId, "unitId", "for a common area");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var now = time.GetUtcNow();
        var finding = PatrolFinding.Report(estateId, command.UnitId, location, description, command.NeedsReception ?? true, command.NeedsRepair ?? false,
            scope.Subject ?? "", now);
        db.Findings.Add(finding);
        db.AddIntegrationEvent(new PatrolFindingReported(
            Guid.CreateVersion7(now), now, estateId, correlation.CorrelationId, finding.Id, finding.Location, finding.UnitId, finding.Description,
            finding.NeedsReception, finding.NeedsRepair));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/patrols/findings/{finding.Id}", ToResponse(finding));
    }

    public static async Task<Ok<Page<FindingResponse>>> ListFindings(SecurityGateDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Findings.AsNoTracking();
        query = estateId is null ? query : query.Where(f => f.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(f => f.ReportedAt, f => f.Id, cursor, limit, ToResponse, cancellationToken));
    }

    private static async Task<ScanResponse> ToResponseAsync(SecurityGateDbContext db, PatrolScan scan, CancellationToken cancellationToken) =>
        ToResponse(scan, scan.VisitId is { } visitId ? await db.CheckpointVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken) : null);

    private static ScanResponse ToResponse(PatrolScan s, CheckpointVisit? visit) =>
        new(s.Id, s.EstateId, s.Code, s.Guard, s.ScannedAt, s.Outcome.ToString(), s.VisitId, visit?.ExpectedAt);

    private static RouteResponse ToResponse(PatrolRoute r) =>
        new(r.Id, r.EstateId, r.Name, r.Checkpoints, [.. r.StartTimes.Select(t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))]);

    private static CheckpointVisitResponse ToResponse(CheckpointVisit v, DateTimeOffset now) => new(
        v.Id, v.RouteId, v.Code, v.CheckpointName, v.ExpectedAt, v.Due.DueAt, v.ScannedAt, v.ScannedBy,
        v.ScannedAt is null ? v.Due.DueAt < now ? "missed" : "pending" : v.Late ? "late" : "onTime");

    private static FindingResponse ToResponse(PatrolFinding f) =>
        new(f.Id, f.EstateId, f.UnitId, f.Location, f.Description, f.NeedsReception, f.NeedsRepair, f.ReportedAt);
}
