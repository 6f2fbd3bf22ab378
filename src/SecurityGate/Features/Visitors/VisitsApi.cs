using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.Visitors;

/// <summary>
/// A person at the gate. <c>unitId</c> names the host's unit (with <c>hostName</c> as the visitor says it);
/// <c>purpose</c> the business (a delivery, the management office). Someone with neither is refused, and the refusal is
/// recorded like an admission.
/// </summary>
public sealed record RegisterVisitCommand(
    Guid? EstateId, string? VisitorName, string? IdNumber, Guid? UnitId, string? HostName, string? Purpose, DateTimeOffset? ArrivedAt);

public sealed record DepartureCommand(DateTimeOffset? LeftAt);

/// <summary>A visit as everyone sees it: the ID number masked (110***********1234).</summary>
public sealed record VisitResponse(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    string VisitorName,
    string? IdNumber,
    string? HostName,
    string? Purpose,
    string Outcome,
    string? RefusalReason,
    DateTimeOffset ArrivedAt,
    DateTimeOffset? LeftAt,
    Guid? PassId,
    int HostsNotified);

public static class VisitsApi
{
    public const string NoHostNoBusiness = "No host and no business in the estate.";
    public const string NobodyInUnit = "Nobody the gate knows lives in or owns the unit named as the host's.";

    public static RouteGroupBuilder MapVisitsApi(this RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/visits").WithTags("Visitors");
        visits.MapPost("/", Register).RequireRoles(SecurityGateRoles.Gate);
        visits.MapGet("/", List).RequireRoles(SecurityGateRoles.Readers);
        visits.MapGet("/{visitId:guid}", Get).RequireRoles(SecurityGateRoles.Readers);
        visits.MapPost("/{visitId:guid}/departure", Depart).RequireRoles(SecurityGateRoles.Gate);
        return api;
    }

    public static async Task<Created<VisitResponse>> Register(
        RegisterVisitCommand command, SecurityGateDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var name = errors.Text(command.VisitorName, "visitorName", maxLength: 100);
        var idNumber = IdNumber(errors, command.IdNumber, "idNumber");
        if (command.UnitId == Guid.Empty)
        {
            errors.Add("unitId", "Must be a unit id, or left out for business with the estate.");
        }

        var hostName = errors.OptionalText(command.HostName, "hostName", maxLength: 100);
        var purpose = errors.OptionalText(command.Purpose, "purpose", maxLength: 200);
        var arrivedAt = errors.HappenedAt(command.ArrivedAt, "arrivedAt", now);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);

        var unitId = command.UnitId;
        var refusal = unitId is null
            ? purpose is null ? NoHostNoBusiness : null
            : await HasOccupantsAsync(db, estateId, unitId.Value, cancellationToken) || purpose is not null ? null : NobodyInUnit;
        var recordedBy = scope.Subject ?? "";
        var visit = refusal is null
            ? Visit.Admit(estateId, unitId, name, idNumber, hostName, purpose, arrivedAt, recordedBy)
            : Visit.Refuse(estateId, unitId, name, idNumber, hostName, purpose, arrivedAt, refusal, recordedBy);
        db.Visits.Add(visit);
        var notified = refusal is null ? await HostNotifications.NotifyArrivalAsync(db, visit, onlyOwner: null, correlation.CorrelationId, cancellationToken) : 0;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/visits/{visit.Id}", ToResponse(visit, notified));
    }

    public static async Task<Ok<VisitResponse>> Get(Guid visitId, SecurityGateDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Visits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken)
            ?? throw new NotFoundException("Visit", visitId)));

    /// <summary>The gate log, newest first; by estate and outcome (the refusals a supervisor reviews).</summary>
    public static async Task<Ok<Page<VisitResponse>>> List(
        SecurityGateDbContext db, Guid? estateId, string? outcome, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var wanted = outcome is null ? (VisitOutcome?)null : errors.Enum<VisitOutcome>(outcome, "outcome");
        errors.ThrowIfAny();
        var query = db.Visits.AsNoTracking();
        query = estateId is null ? query : query.Where(v => v.EstateId == estateId);
        query = wanted is null ? query : query.Where(v => v.Outcome == wanted);
        return TypedResults.Ok(await query.ToKeysetPageAsync(v => v.ArrivedAt, v => v.Id, cursor, limit, v => ToResponse(v), cancellationToken));
    }

    public static async Task<Ok<VisitResponse>> Depart(
        Guid visitId, DepartureCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var leftAt = errors.HappenedAt(command.LeftAt, "leftAt", now);
        errors.ThrowIfAny();
        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken) ?? throw new NotFoundException("Visit", visitId);
        scope.EnsureCanWrite(visit.EstateId);
        if (leftAt < visit.ArrivedAt)
        {
            throw new ValidationFailedException("leftAt", "Cannot be before the arrival.");
        }

        if (!visit.Leave(leftAt))
        {
            throw new ConflictException(visit.Outcome == VisitOutcome.Refused ? "The visitor was refused; there is no departure to record." : "The departure is recorded already.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(visit));
    }

    /// <summary>An identity document number: 6 to 32 letters and digits (a resident ID card is 18).</summary>
    internal static string IdNumber(InputErrors errors, string? value, string field)
    {
        var trimmed = (value ?? "").Trim().ToUpperInvariant();
        if (trimmed.Length is < 6 or > 32 || !trimmed.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(field, "Required: 6 to 32 letters and digits.");
        }

        return trimmed;
    }

    private static async Task<bool> HasOccupantsAsync(SecurityGateDbContext db, Guid estateId, Guid unitId, CancellationToken cancellationToken) =>
        await db.UnitOwners.AnyAsync(o => o.EstateId == estateId && o.UnitId == unitId, cancellationToken)
        || await db.UnitResidents.AnyAsync(r => r.EstateId == estateId && r.UnitId == unitId && r.MovedInOn != null && r.MovedOutOn == null, cancellationToken);

    internal static VisitResponse ToResponse(Visit v, int hostsNotified = 0) => new(
        v.Id, v.EstateId, v.UnitId, v.VisitorName, PersonalData.MaskIdNumber(v.IdNumber), v.HostName, v.Purpose, v.Outcome.ToString(), v.RefusalReason,
        v.ArrivedAt, v.LeftAt, v.PassId, hostsNotified);
}
