using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Emergencies;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.Reception.Features.Residents;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Patrols;

/// <summary>A common area (no unit) or a vacant unit to patrol. Renovation sites come from approved permits.</summary>
public sealed record CreatePatrolTargetCommand(Guid? EstateId, string? Kind, string? Name, Guid? UnitId);

public sealed record PatrolTargetResponse(
    Guid Id,
    Guid EstateId,
    PatrolTargetKind Kind,
    string Name,
    Guid? UnitId,
    Guid? PermitId,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastPatrolledAt,
    DateTimeOffset DueBy,
    bool Overdue,
    IReadOnlyList<string> Checklist);

public enum PatrolFindingKind
{
    /// <summary>Something to fix or follow up: a customer request (channel Patrol).</summary>
    Request,

    /// <summary>A breach of the rules: a violation, followed up until verified fixed on site.</summary>
    Violation,
}

/// <summary>
/// What the patrol found. A request needs a category (urgency defaults to normal); a violation needs its type. The unit
/// defaults to the target's. A <c>serious</c> finding goes at once to the CS supervisor on duty.
/// </summary>
public sealed record PatrolFinding(
    string? Kind, string? Description, string? Category, string? Urgency, string? ViolationType, Guid? UnitId, bool Serious = false);

/// <summary>A vacant unit's meters as read: water (m³) and electricity (kWh).</summary>
public sealed record PatrolReadingsInput(decimal? Water, decimal? Electricity);

/// <summary>
/// One patrol: every checklist item of the target's kind answered true (pass) or false (fail); a vacant unit's round
/// also records its meter readings.
/// </summary>
public sealed record RecordPatrolCommand(
    DateTimeOffset? PatrolledAt, Dictionary<string, bool>? Checklist, string? Notes, PatrolFinding[]? Findings, PatrolReadingsInput? Readings = null);

public sealed record PatrolRecordResponse(
    Guid Id,
    Guid EstateId,
    Guid TargetId,
    DateTimeOffset PatrolledAt,
    string PatrolledBy,
    IReadOnlyList<string> PassedItems,
    IReadOnlyList<string> FailedItems,
    string? Notes,
    PatrolMeterReadings? Readings,
    string? EscalatedTo,
    IReadOnlyList<Guid> RequestIds,
    IReadOnlyList<Guid> ViolationIds);

/// <summary>
/// Butler patrols: common areas weekly, vacant units monthly, renovation sites daily, each against its checklist; the
/// overdue list; findings become customer requests or violations.
/// </summary>
public static class PatrolsApi
{
    private const int MaxFindings = 20;

    public static RouteGroupBuilder MapPatrolsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/patrol-targets").WithTags("Butler patrols");
        group.MapPost("/", CreateTarget).RequireRoles(ReceptionRoles.Desk);
        group.MapGet("/{id:guid}", GetTarget).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapGet("/", ListTargets).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapGet("/overdue", ListOverdue).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapPost("/{id:guid}/patrols", RecordPatrol).RequireRoles(ReceptionRoles.Desk);
        group.MapGet("/{id:guid}/patrols", ListPatrols).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        return group;
    }

    public static async Task<Created<PatrolTargetResponse>> CreateTarget(
        CreatePatrolTargetCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var kind = errors.Enum<PatrolTargetKind>(command.Kind, "kind");
        var name = errors.Text(command.Name, "name", maxLength: 200);
        var kindKnown = LocalInput.Names<PatrolTargetKind>(command.Kind);
        if (kindKnown && kind == PatrolTargetKind.RenovationSite)
        {
            errors.Add("kind", "Renovation sites are patrolled while their renovation permit is approved; they come from the permit.");
        }
        else if (kindKnown && kind == PatrolTargetKind.CommonArea && command.UnitId is not null)
        {
            errors.Add("unitId", "A common area has no unit.");
        }
        else if (kindKnown && kind == PatrolTargetKind.VacantUnit && (command.UnitId is null || command.UnitId == Guid.Empty))
        {
            errors.Add("unitId", "Required for a vacant unit.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new ValidationFailedException("estateId", "No such estate in the registry.");
        if (command.UnitId is { } unitId)
        {
            var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken)
                ?? throw new ValidationFailedException("unitId", "No such unit in this estate.");
            if (unit.Status != UnitStatus.Vacant)
            {
                throw new ValidationFailedException("unitId", $"Only vacant units are patrolled monthly; this one is {unit.Status}.");
            }

            if (await db.PatrolTargets.AnyAsync(t => t.UnitId == unitId && t.Kind == PatrolTargetKind.VacantUnit && t.Active, cancellationToken))
            {
                throw new ConflictException("This vacant unit is patrolled already.");
            }
        }

        var now = time.GetUtcNow();
        var target = PatrolTarget.Create(estateId, kind, name, command.UnitId, permitId: null, estate.Calendar(), now);
        db.PatrolTargets.Add(target);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/patrol-targets/{target.Id}", ToResponse(target, now));
    }

    public static async Task<Ok<PatrolTargetResponse>> GetTarget(Guid id, ReceptionDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.PatrolTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException("Patrol target", id), time.GetUtcNow()));

    /// <summary>Targets of the caller's estates, newest first, keyset-paged; by estate, kind, or only the active ones.</summary>
    public static async Task<Ok<Page<PatrolTargetResponse>>> ListTargets(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? kind, bool? active, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        PatrolTargetKind? kindFilter = kind is null ? null : errors.Enum<PatrolTargetKind>(kind, "kind");
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var query = db.PatrolTargets.AsNoTracking();
        query = estateId is null ? query : query.Where(t => t.EstateId == estateId);
        query = kindFilter is null ? query : query.Where(t => t.Kind == kindFilter);
        query = active is null ? query : query.Where(t => t.Active == active);
        return TypedResults.Ok(await query.ToKeysetPageAsync(t => t.CreatedAt, t => t.Id, cursor, limit, t => ToResponse(t, now), cancellationToken));
    }

    /// <summary>
    /// Active targets whose next patrol was due by now (the end of the estate-local day one period after the last patrol),
    /// most recently due first, keyset-paged: one query on the (estate, active, due) index.
    /// </summary>
    public static async Task<Ok<Page<PatrolTargetResponse>>> ListOverdue(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.PatrolTargets.AsNoTracking().Where(t => t.Active && t.DueBy <= now);
        query = estateId is null ? query : query.Where(t => t.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(t => t.DueBy, t => t.Id, cursor, limit, t => ToResponse(t, now), cancellationToken));
    }

    /// <summary>
    /// Records a patrol of the target (moving its next due date) and its findings: requests through
    /// <see cref="RequestIntake"/> (channel Patrol), violations with their first follow-up step; all in one transaction.
    /// </summary>
    public static async Task<Created<PatrolRecordResponse>> RecordPatrol(
        Guid id,
        RecordPatrolCommand command,
        ReceptionDbContext db,
        EstateScope scope,
        TimeProvider time,
        CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var patrolledAt = errors.HappenedAt(command.PatrolledAt, "patrolledAt", now);
        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 4000);
        if (command.Checklist is null)
        {
            errors.Add("checklist", "Required: every item of the target's checklist, true for pass, false for fail.");
        }

        var findings = ReadFindings(errors, command.Findings ?? []);
        errors.ThrowIfAny();

        var target = await db.PatrolTargets.SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Patrol target", id);
        var checklist = PatrolTarget.ChecklistOf(target.Kind);
        if (command.Checklist!.Count != checklist.Count || !checklist.All(command.Checklist.ContainsKey))
        {
            errors.Add("checklist", $"Answer exactly these items: {string.Join(", ", checklist)}.");
        }

        PatrolMeterReadings? readings = null;
        if (target.Kind == PatrolTargetKind.VacantUnit)
        {
            readings = new PatrolMeterReadings(
                ResidentsApi.MeterReading(errors, command.Readings?.Water, "readings.water", required: true) ?? 0,
                ResidentsApi.MeterReading(errors, command.Readings?.Electricity, "readings.electricity", required: true) ?? 0);
        }
        else if (command.Readings is not null)
        {
            errors.Add("readings", "Only a vacant unit's round records meter readings.");
        }

        var findingUnits = findings.Where(f => f.UnitId is not null).Select(f => f.UnitId!.Value).Distinct().ToList();
        var knownUnits = await db.Units.Where(u => u.EstateId == target.EstateId && findingUnits.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < findings.Count; i++)
        {
            if (findings[i].UnitId is { } unitId && !knownUnits.Contains(unitId))
            {
                errors.Add($"findings[{i}].unitId", "No such unit in this estate.");
            }
        }

        errors.ThrowIfAny();
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == target.EstateId, cancellationToken);
        var calendar = estate.Calendar();
        var patroller = scope.Subject ?? "";
        target.Patrolled(patrolledAt, calendar);
        var record = PatrolRecord.Record(target, patrolledAt, patroller, command.Checklist, notes, now, readings);
        db.PatrolRecords.Add(record);
        foreach (var finding in findings)
        {
            var unitId = finding.UnitId ?? target.UnitId;
            if (finding.Kind == PatrolFindingKind.Request)
            {
                var request = RequestIntake.Open(
                    db, estate, new NewRequest(unitId, RequestChannel.Patrol, finding.Category, finding.Urgency, $"{target.Name}: {finding.Description}", "Butler patrol"),
                    patroller, now, correlation.CorrelationId);
                record.LinkRequest(request.Id);
            }
            else
            {
                var violation = Violation.Found(
                    target.EstateId, unitId, record.Id, finding.ViolationType, finding.Description, patroller, patrolledAt, finding.Serious);
                db.Violations.Add(violation);
                record.LinkViolation(violation.Id);
            }
        }

        if (findings.FirstOrDefault(f => f.Serious) is { } serious)
        {
            await EscalateAsync(db, estate, target, record, serious, correlation.CorrelationId, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/patrol-targets/{target.Id}/patrols", ToResponse(record));
    }

    /// <summary>A target's patrols, newest first, keyset-paged.</summary>
    public static async Task<Ok<Page<PatrolRecordResponse>>> ListPatrols(
        Guid id, ReceptionDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!await db.PatrolTargets.AnyAsync(t => t.Id == id, cancellationToken))
        {
            throw new NotFoundException("Patrol target", id);
        }

        return TypedResults.Ok(await db.PatrolRecords.AsNoTracking().Where(r => r.TargetId == id)
            .ToKeysetPageAsync(r => r.PatrolledAt, r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>
    /// A serious finding goes to the CS supervisor on duty now (hr-training's duty roster, <see cref="DutySupervisors"/>), urgently, whatever their quiet
    /// hours; with nobody on duty it stays on the record, flagged serious, for the supervisors' list.
    /// </summary>
    private static async Task EscalateAsync(
        ReceptionDbContext db, Estate estate, PatrolTarget target, PatrolRecord record, Finding serious, Guid correlationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (await DutySupervisors.AtAsync(db, estate, now, cancellationToken) is not { } onDuty)
        {
            return;
        }

        record.EscalatedToSupervisor(onDuty.StaffId.ToString(), now);
        db.AddIntegrationEvent(new NotificationRequested(
            Guid.CreateVersion7(now), now, target.EstateId, correlationId, NotificationIntake.StaffRecipient, onDuty.StaffId,
            NotificationTemplates.SeriousPatrolFinding,
            new Dictionary<string, string> { ["place"] = target.Name, ["finding"] = serious.Description, ["patrolRecordId"] = record.Id.ToString() },
            NotificationIntake.UrgentUrgency));
    }

    private sealed record Finding(
        PatrolFindingKind Kind, string Description, RequestCategory Category, Urgency Urgency, ViolationType ViolationType, Guid? UnitId, bool Serious);

    private static List<Finding> ReadFindings(InputErrors errors, PatrolFinding[] findings)
    {
        if (findings.Length > MaxFindings)
        {
            errors.Add("findings", $"At most {MaxFindings} findings per patrol.");
        }

        var read = new List<Finding>();
        for (var i = 0; i < findings.Length; i++)
        {
            var finding = findings[i] ?? new PatrolFinding(null, null, null, null, null, null);
            var field = $"findings[{i}]";
            var kind = errors.Enum<PatrolFindingKind>(finding.Kind, $"{field}.kind");
            var description = errors.Text(finding.Description, $"{field}.description", maxLength: 3000, minLength: 3);
            var category = RequestCategory.Other;
            var urgency = Urgency.Normal;
            var violationType = ViolationType.Other;
            // The kind decides what else a finding needs.
            if (LocalInput.Names<PatrolFindingKind>(finding.Kind) && kind == PatrolFindingKind.Request)
            {
                category = errors.Enum<RequestCategory>(finding.Category, $"{field}.category");
                urgency = finding.Urgency is null ? Urgency.Normal : errors.Enum<Urgency>(finding.Urgency, $"{field}.urgency");
            }
            else if (LocalInput.Names<PatrolFindingKind>(finding.Kind))
            {
                violationType = errors.Enum<ViolationType>(finding.ViolationType, $"{field}.violationType");
            }

            if (finding.UnitId == Guid.Empty)
            {
                errors.Add($"{field}.unitId", "Leave the unit out to use the target's; an empty id is not a unit.");
            }

            read.Add(new Finding(kind, description, category, urgency, violationType, finding.UnitId, finding.Serious));
        }

        return read;
    }

    private static PatrolTargetResponse ToResponse(PatrolTarget t, DateTimeOffset now) => new(
        t.Id, t.EstateId, t.Kind, t.Name, t.UnitId, t.PermitId, t.Active, t.CreatedAt, t.LastPatrolledAt, t.DueBy, t.IsOverdue(now),
        PatrolTarget.ChecklistOf(t.Kind));

    private static PatrolRecordResponse ToResponse(PatrolRecord r) => new(
        r.Id, r.EstateId, r.TargetId, r.PatrolledAt, r.PatrolledBy, r.PassedItems, r.FailedItems, r.Notes, r.Readings, r.EscalatedTo, r.RequestIds,
        r.ViolationIds);
}
