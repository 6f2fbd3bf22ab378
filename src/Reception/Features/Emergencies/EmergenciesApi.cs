using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Reception.Features.Emergencies;

/// <summary>
/// One shift on hr-training's published duty roster, with the person's name and position as reception knows them;
/// <c>EmergencySupervisor</c>: the position makes them the customer-service supervisor an emergency goes to.
/// </summary>
public sealed record DutyShiftResponse(
    Guid Id,
    Guid EstateId,
    DateOnly Day,
    Guid StaffId,
    string? Name,
    string? Position,
    string Shift,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Post,
    string? Trade,
    bool EmergencySupervisor);

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

/// <summary>24-hour duty and the emergency plan: who is on hr-training's duty roster, the open emergencies, their acknowledgement.</summary>
public static class EmergenciesApi
{
    public static RouteGroupBuilder MapEmergenciesApi(this RouteGroupBuilder api)
    {
        var duty = api.MapGroup("/duty").WithTags("Emergencies");
        duty.MapGet("/", ListDuty).RequireRoles(ReceptionRoles.Desk);
        var emergencies = api.MapGroup("/emergencies").WithTags("Emergencies");
        emergencies.MapGet("/", ListEmergencies).RequireRoles(Readers);
        emergencies.MapPost("/{id:guid}/acknowledge", Acknowledge).RequireRoles(ReceptionRoles.Supervisors);
        return api;
    }

    private static readonly string[] Readers = [.. ReceptionRoles.Desk, PlatformRoles.Technician];

    /// <summary>
    /// The duty roster hr-training published (read only: rosters are made there), latest shift first; <c>current=true</c>
    /// for the shifts covering now.
    /// </summary>
    public static async Task<Ok<Page<DutyShiftResponse>>> ListDuty(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, bool? current, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Set<KnownDutyShift>().AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(d => d.EstateId == estateId);
        }

        if (current == true)
        {
            var now = time.GetUtcNow();
            query = query.Where(d => d.StartsAt <= now && d.EndsAt > now);
        }

        var page = await query.ToKeysetPageAsync(d => d.StartsAt, d => d.Id, cursor, limit, d => d, cancellationToken);
        // The shift is in the caller's estate; the person may have another home estate, so their row is read unscoped.
        var ids = page.Items.Select(d => d.StaffId).Distinct().ToList();
        var staff = await db.Set<KnownStaffMember>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => ids.Contains(s.StaffId)).ToDictionaryAsync(s => s.StaffId, cancellationToken);
        return TypedResults.Ok(new Page<DutyShiftResponse>([.. page.Items.Select(d => ToResponse(d, staff.GetValueOrDefault(d.StaffId)))], page.NextCursor));
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

    private static DutyShiftResponse ToResponse(KnownDutyShift d, KnownStaffMember? staff) => new(
        d.Id, d.EstateId, d.Day, d.StaffId, staff?.DisplayName, staff?.Position, d.Shift, d.StartsAt, d.EndsAt, d.Post, d.Trade,
        staff is not null && DutySupervisors.Positions.Any(staff.Holds));

    private static EmergencyResponse ToResponse(EmergencyAlert a) => new(
        a.Id, a.EstateId, a.UnitId, a.RequestId, a.Kind, a.Description, a.RaisedAt, a.OnDutySupervisor, a.OnDutySupervisorName,
        a.Acknowledged.DueAt, a.Acknowledged.CompletedAt, a.AcknowledgedBy, a.ActionTaken,
        a.OnDutySupervisor is null || a.Acknowledged.BreachedAt is not null ? PlatformRoles.EstateManager : PlatformRoles.CustomerServiceSupervisor);
}
