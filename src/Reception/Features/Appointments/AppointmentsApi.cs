using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Appointments;

/// <summary>The answer to a proposed visit: leave the times out to take the proposal, or give another time.</summary>
public sealed record ConfirmAppointmentCommand(DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null);

public sealed record AppointmentResponse(
    Guid Id, Guid EstateId, Guid? UnitId, Guid WorkOrderId, Guid? RequestId, string Trade, DateTimeOffset ProposedStartsAt, DateTimeOffset ProposedEndsAt,
    AppointmentStatus Status, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? ConfirmedAt);

public static class AppointmentRules
{
    /// <summary>How far ahead a repair visit may be agreed.</summary>
    public static readonly TimeSpan LatestAhead = TimeSpan.FromDays(60);

    /// <summary>The longest visit window.</summary>
    public static readonly TimeSpan LongestVisit = TimeSpan.FromHours(8);
}

/// <summary>
/// Repair visits maintenance proposed: the desk and the owners of the unit see them, and confirm the proposal or another
/// time; the answer goes to maintenance as <see cref="AppointmentConfirmed"/>.
/// </summary>
public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointmentsApi(this RouteGroupBuilder api)
    {
        var appointments = api.MapGroup("/appointments").WithTags("Repair appointments").RequireRoles(ReceptionRoles.RequestRecorders);
        appointments.MapGet("/", ListAppointments);
        appointments.MapGet("/{id:guid}", GetAppointment);
        appointments.MapPost("/{id:guid}/confirm", Confirm);
        return api;
    }

    /// <summary>The appointments the caller may see (an owner: their units'), latest proposed visit first; by estate and status.</summary>
    public static async Task<Ok<Page<AppointmentResponse>>> ListAppointments(
        ReceptionDbContext db, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var statusFilter = status is null ? (AppointmentStatus?)null : errors.Enum<AppointmentStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.RepairAppointments.AsNoTracking();
        query = estateId is null ? query : query.Where(a => a.EstateId == estateId);
        query = statusFilter is null ? query : query.Where(a => a.Status == statusFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(a => a.ProposedStartsAt, a => a.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<AppointmentResponse>> GetAppointment(Guid id, ReceptionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.RepairAppointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException("Appointment", id)));

    /// <summary>Confirms the proposed visit, or another time; a proposal already answered or replaced is a conflict.</summary>
    public static async Task<Ok<AppointmentResponse>> Confirm(
        Guid id, ConfirmAppointmentCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        if ((command.StartsAt is null) != (command.EndsAt is null))
        {
            errors.Add(command.StartsAt is null ? "startsAt" : "endsAt", "Give both ends of another time, or neither to take the proposal.");
        }
        else if (command.StartsAt is { } otherStart && command.EndsAt is { } otherEnd)
        {
            if (otherStart < now || otherStart > now + AppointmentRules.LatestAhead)
            {
                errors.Add("startsAt", $"Must be in the future, at most {AppointmentRules.LatestAhead.TotalDays} days ahead.");
            }

            if (otherEnd <= otherStart || otherEnd - otherStart > AppointmentRules.LongestVisit)
            {
                errors.Add("endsAt", $"Must be after startsAt, within {AppointmentRules.LongestVisit.TotalHours} hours.");
            }
        }

        errors.ThrowIfAny();
        var appointment = await db.RepairAppointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Appointment", id);
        scope.EnsureCanWrite(appointment.EstateId, appointment.UnitId);
        var startsAt = command.StartsAt?.ToUniversalTime() ?? appointment.ProposedStartsAt;
        var endsAt = command.EndsAt?.ToUniversalTime() ?? appointment.ProposedEndsAt;
        if (!appointment.Confirm(startsAt, endsAt, scope.Account(), now))
        {
            throw new ConflictException($"This proposal is {appointment.Status}: only the latest proposal, not yet answered, is confirmed.");
        }

        if (appointment.RequestId is { } requestId && await db.Requests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken) is { } request)
        {
            request.AgreeAppointment(startsAt);
        }

        db.AddIntegrationEvent(new AppointmentConfirmed(
            Guid.CreateVersion7(now), now, appointment.EstateId, correlation.CorrelationId, appointment.Id, appointment.WorkOrderId, appointment.RequestId,
            startsAt, endsAt));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(appointment));
    }

    private static AppointmentResponse ToResponse(RepairAppointment a) => new(
        a.Id, a.EstateId, a.UnitId, a.WorkOrderId, a.RequestId, a.Trade, a.ProposedStartsAt, a.ProposedEndsAt, a.Status, a.StartsAt, a.EndsAt, a.ConfirmedAt);
}
