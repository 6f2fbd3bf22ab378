using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Renovations;

/// <summary>An application for renovation works; planned dates are estate-local <c>yyyy-MM-dd</c>, both inclusive.</summary>
public sealed record ApplyForPermitCommand(
    Guid? EstateId, Guid? UnitId, string? Contractor, string? ContractorPhone, string? Scope, string? PlannedStart, string? PlannedEnd, string[]? Workers);

/// <summary>An approval (note optional) or a rejection (the reason is required).</summary>
public sealed record DecidePermitCommand(string? Note);

public sealed record InspectRenovationCommand(bool? Passed, string? Findings);

public sealed record AcceptRenovationCommand(string? Note);

public sealed record RenovationInspectionResponse(Guid Id, DateTimeOffset At, string By, bool Passed, string Findings);

public sealed record PermitResponse(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    string Contractor,
    string? ContractorPhone,
    string Scope,
    DateOnly PlannedStart,
    DateOnly PlannedEnd,
    IReadOnlyList<string> Workers,
    PermitStatus Status,
    DateTimeOffset AppliedAt,
    string AppliedBy,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? DecisionNote,
    DateTimeOffset? AcceptedAt,
    string? AcceptedBy,
    string? AcceptanceNote,
    IReadOnlyList<RenovationInspectionResponse> Inspections);

/// <summary>
/// Renovation permits: the front desk takes applications and inspects the works; a supervisor or the manager approves
/// or rejects them and accepts the finished works. An approved permit makes the unit a renovation site (status
/// Renovating, patrolled daily) until it is accepted.
/// </summary>
public static class RenovationsApi
{
    private const int MaxWorkers = 50;

    public static RouteGroupBuilder MapRenovationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/renovation-permits").WithTags("Renovation permits");
        group.MapPost("/", Apply).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/approval", Approve).RequireRoles(ReceptionRoles.Supervisors);
        group.MapPost("/{id:guid}/rejection", Reject).RequireRoles(ReceptionRoles.Supervisors);
        group.MapPost("/{id:guid}/inspections", Inspect).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/acceptance", Accept).RequireRoles(ReceptionRoles.Supervisors);
        group.MapGet("/{id:guid}", GetPermit).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapGet("/", ListPermits).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        return group;
    }

    public static async Task<Created<PermitResponse>> Apply(
        ApplyForPermitCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var contractor = errors.Text(command.Contractor, "contractor", maxLength: 200);
        var contractorPhone = errors.Phone(command.ContractorPhone, "contractorPhone");
        var workScope = errors.Text(command.Scope, "scope", maxLength: 4000, minLength: 3);
        var start = errors.LocalDate(command.PlannedStart, "plannedStart");
        var end = errors.LocalDate(command.PlannedEnd, "plannedEnd");
        if (start != default && end != default && end < start)
        {
            errors.Add("plannedEnd", "Cannot be before plannedStart.");
        }
        else if (start != default && end != default && end > start.AddYears(1))
        {
            errors.Add("plannedEnd", "Renovation works are permitted for at most a year.");
        }

        var workers = (command.Workers ?? []).Select((w, i) => errors.Text(w, $"workers[{i}]", maxLength: 100)).ToList();
        if (workers.Count is 0 or > MaxWorkers)
        {
            errors.Add("workers", $"Name between 1 and {MaxWorkers} workers: each needs a pass.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        if (await db.RenovationPermits.AnyAsync(p => p.UnitId == unitId && (p.Status == PermitStatus.Applied || p.Status == PermitStatus.Approved), cancellationToken))
        {
            throw new ConflictException("This unit has a renovation permit applied for or in force already.");
        }

        var permit = RenovationPermit.Apply(estateId, unitId, contractor, contractorPhone, workScope, start, end, workers, scope.Subject ?? "", time.GetUtcNow());
        db.RenovationPermits.Add(permit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/renovation-permits/{permit.Id}", ToResponse(permit, scope));
    }

    /// <summary>
    /// Approves the works: the unit becomes Renovating, a daily renovation-site patrol target opens, and the gate hears
    /// of the workers (<see cref="RenovationPermitApproved"/>), in one transaction.
    /// </summary>
    public static async Task<Ok<PermitResponse>> Approve(
        Guid id, DecidePermitCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var note = errors.OptionalText(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var permit = await LoadAsync(db, id, cancellationToken);
        var unit = await db.Units.SingleAsync(u => u.Id == permit.UnitId, cancellationToken);
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == permit.EstateId, cancellationToken);
        var building = await db.Buildings.AsNoTracking().SingleAsync(b => b.Id == unit.BuildingId, cancellationToken);
        var now = time.GetUtcNow();
        permit.Approve(unit, scope.Subject ?? "", note, now);
        db.PatrolTargets.Add(PatrolTarget.Create(
            permit.EstateId, PatrolTargetKind.RenovationSite, $"Renovation {building.Code}-{unit.Number}", unit.Id, permit.Id, estate.Calendar(), now));
        db.AddIntegrationEvent(new RenovationPermitApproved(
            Guid.CreateVersion7(now), now, permit.EstateId, correlation.CorrelationId, permit.Id, permit.UnitId, permit.Contractor, permit.Workers,
            permit.PlannedStart, permit.PlannedEnd));
        await TellOwnersAsync(db, permit, NotificationTemplates.RenovationApproved, correlation, now, cancellationToken,
            ("plannedStart", permit.PlannedStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("plannedEnd", permit.PlannedEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(permit, scope));
    }

    public static async Task<Ok<PermitResponse>> Reject(
        Guid id, DecidePermitCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var reason = errors.Text(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var permit = await LoadAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        permit.Reject(scope.Subject ?? "", reason, now);
        await TellOwnersAsync(db, permit, NotificationTemplates.RenovationRejected, correlation, now, cancellationToken, ("reason", reason));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(permit, scope));
    }

    public static async Task<Created<RenovationInspectionResponse>> Inspect(
        Guid id, InspectRenovationCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Passed is null)
        {
            errors.Add("passed", "Required: whether the works passed the inspection.");
        }

        var findings = errors.Text(command.Findings, "findings", maxLength: 4000, minLength: 2);
        errors.ThrowIfAny();
        var permit = await LoadAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var inspection = permit.Inspect(command.Passed!.Value, findings, scope.Subject ?? "", now);
        // Told in the owner's language by the template: the result is a word the template places.
        await TellOwnersAsync(db, permit, NotificationTemplates.RenovationInspected, correlation, now, cancellationToken,
            ("result", inspection.Passed ? "passed" : "failed"), ("findings", findings));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/renovation-permits/{permit.Id}", ToResponse(inspection));
    }

    /// <summary>Accepts the finished works: the unit gets its status back and its renovation-site patrols end.</summary>
    public static async Task<Ok<PermitResponse>> Accept(
        Guid id, AcceptRenovationCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var note = errors.Text(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var permit = await LoadAsync(db, id, cancellationToken);
        var unit = await db.Units.SingleAsync(u => u.Id == permit.UnitId, cancellationToken);
        var now = time.GetUtcNow();
        permit.Accept(unit, scope.Subject ?? "", note, now);
        var site = await db.PatrolTargets.SingleOrDefaultAsync(t => t.PermitId == permit.Id, cancellationToken);
        site?.Retire();
        db.AddIntegrationEvent(new RenovationAccepted(Guid.CreateVersion7(now), now, permit.EstateId, correlation.CorrelationId, permit.Id, permit.UnitId));
        await TellOwnersAsync(db, permit, NotificationTemplates.RenovationAccepted, correlation, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(permit, scope));
    }

    public static async Task<Ok<PermitResponse>> GetPermit(Guid id, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.RenovationPermits.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Renovation permit", id), scope));

    /// <summary>
    /// Permits of the caller's estates, newest first, keyset-paged; by estate, unit or status. The contractor's phone is
    /// masked unless the caller calls people back.
    /// </summary>
    public static async Task<Ok<Page<PermitResponse>>> ListPermits(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, Guid? unitId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        PermitStatus? statusFilter = status is null ? null : errors.Enum<PermitStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.RenovationPermits.AsNoTracking();
        query = estateId is null ? query : query.Where(p => p.EstateId == estateId);
        query = unitId is null ? query : query.Where(p => p.UnitId == unitId);
        query = statusFilter is null ? query : query.Where(p => p.Status == statusFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.AppliedAt, p => p.Id, cursor, limit, p => ToResponse(p, scope), cancellationToken));
    }

    private static async Task<RenovationPermit> LoadAsync(ReceptionDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.RenovationPermits.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Renovation permit", id);

    private static PermitResponse ToResponse(RenovationPermit p, EstateScope scope) => new(
        p.Id, p.EstateId, p.UnitId, p.Contractor, ReceptionRoles.ShownPhone(scope, p.ContractorPhone), p.Scope,
        p.PlannedStart, p.PlannedEnd, p.Workers, p.Status, p.AppliedAt, p.AppliedBy, p.DecidedAt, p.DecidedBy, p.DecisionNote,
        p.AcceptedAt, p.AcceptedBy, p.AcceptanceNote, [.. p.Inspections.OrderBy(i => i.At).Select(ToResponse)]);

    private static RenovationInspectionResponse ToResponse(RenovationInspection i) => new(i.Id, i.At, i.By, i.Passed, i.Findings);

    /// <summary>Tells the owners of the permit's unit about a step of their renovation.</summary>
    private static Task TellOwnersAsync(
        ReceptionDbContext db, RenovationPermit permit, string templateKey, CorrelationContext correlation, DateTimeOffset now,
        CancellationToken cancellationToken, params (string Field, string Value)[] data)
    {
        var fields = new Dictionary<string, string> { ["contractor"] = permit.Contractor, ["permitId"] = permit.Id.ToString() };
        foreach (var (field, value) in data)
        {
            fields[field] = value;
        }

        return db.RequestForOwnersOfAsync(permit.EstateId, [permit.UnitId], templateKey, fields, correlation.CorrelationId, now, cancellationToken);
    }
}
