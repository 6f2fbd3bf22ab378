using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Emergencies;

/// <summary>The caller takes duty at an estate from now (or <see cref="StartsAt"/>) until <see cref="EndsAt"/>, at most 24 hours.</summary>
public sealed record TakeDutyCommand(Guid? EstateId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record DutyShiftResponse(Guid Id, Guid EstateId, string Supervisor, string SupervisorName, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record AcknowledgeEmergencyCommand(string? ActionTaken);

/// <summary><c>AlertedRole</c>: who must act now (the supervisor on duty; the estate manager when nobody was on duty or nobody acknowledged in time).</summary>
public sealed record EmergencyResponse(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    Guid RequestId,
    EmergencyKind Kind,
    string Description,
    DateTimeOffset RaisedAt,
    string? OnDutySupervisor,
    string? OnDutySupervisorName,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? ActionTaken,
    string AlertedRole);

/// <summary>24-hour duty and the emergency plan: the supervisors' duty roster, the open emergencies, their acknowledgement.</summary>
public static class EmergenciesApi
{
    public static RouteGroupBuilder MapEmergenciesApi(this RouteGroupBuilder api)
    {
        var duty = api.MapGroup("/duty").WithTags("Emergencies");
        duty.MapPost("/", TakeDuty).RequireRoles(ReceptionRoles.Supervisors);
        duty.MapGet("/", ListDuty).RequireRoles(ReceptionRoles.Desk);
        var emergencies = api.MapGroup("/emergencies").WithTags("Emergencies");
        emergencies.MapGet("/", ListEmergencies).RequireRoles(Readers);
        emergencies.MapPost("/{id:guid}/acknowledge", Acknowledge).RequireRoles(ReceptionRoles.Supervisors);
        return api;
    }

    private static readonly string[] Readers = [.. ReceptionRoles.Desk, PlatformRoles.Technician];

    public static async Task<Created<DutyShiftResponse>> TakeDuty(
        TakeDutyCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var now = time.GetUtcNow();
        var startsAt = (command.StartsAt ?? now).ToUniversalTime();
        if (command.EndsAt is not { } endsAt || endsAt <= startsAt || endsAt - startsAt > TimeSpan.FromHours(24))
        {
            errors.Add("endsAt", "Required: after the start, at most 24 hours later.");
            endsAt = default;
        }

        if (startsAt < now.AddMinutes(-5))
        {
            errors.Add("startsAt", "Duty is taken from now on, not backdated.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (!await db.Estates.AnyAsync(e => e.Id == estateId, cancellationToken))
        {
            throw new ValidationFailedException("estateId", "No such estate in the registry.");
        }

        var shift = DutyShift.Take(estateId, scope.Account(), scope.DisplayName(), startsAt, endsAt.ToUniversalTime());
        db.DutyShifts.Add(shift);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/duty/{shift.Id}", ToResponse(shift));
    }

    /// <summary>The duty roster, latest first; <c>current=true</c> for the shifts covering now.</summary>
    public static async Task<Ok<Page<DutyShiftResponse>>> ListDuty(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, bool? current, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.DutyShifts.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(d => d.EstateId == estateId);
        }

        if (current == true)
        {
            var now = time.GetUtcNow();
            query = query.Where(d => d.StartsAt <= now && d.EndsAt > now);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(d => d.StartsAt, d => d.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Emergencies, newest first; <c>open=true</c> for those nobody has acknowledged yet.</summary>
    public static async Task<Ok<Page<EmergencyResponse>>> ListEmergencies(
        ReceptionDbContext db, Guid? estateId, bool? open, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.EmergencyAlerts.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(a => a.EstateId == estateId);
        }

        if (open == true)
        {
            query = query.Where(a => a.Acknowledged.CompletedAt == null);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(a => a.RaisedAt, a => a.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<EmergencyResponse>> Acknowledge(
        Guid id, AcknowledgeEmergencyCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var action = errors.Text(command.ActionTaken, "actionTaken", maxLength: 2000);
        errors.ThrowIfAny();
        var alert = await db.EmergencyAlerts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Emergency", id);
        scope.EnsureCanWrite(alert.EstateId);
        alert.Acknowledge(scope.Account(), action, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(alert));
    }

    private static DutyShiftResponse ToResponse(DutyShift d) => new(d.Id, d.EstateId, d.Supervisor, d.SupervisorName, d.StartsAt, d.EndsAt);

    private static EmergencyResponse ToResponse(EmergencyAlert a) => new(
        a.Id, a.EstateId, a.UnitId, a.RequestId, a.Kind, a.Description, a.RaisedAt, a.OnDutySupervisor, a.OnDutySupervisorName,
        a.Acknowledged.DueAt, a.Acknowledged.CompletedAt, a.AcknowledgedBy, a.ActionTaken,
        a.OnDutySupervisor is null || a.Acknowledged.BreachedAt is not null ? PlatformRoles.EstateManager : PlatformRoles.CustomerServiceSupervisor);
}
