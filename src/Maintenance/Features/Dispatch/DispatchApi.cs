using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Features.Dispatch;

/// <summary>
/// Dispatch to a named technician, or (no <c>technicianId</c>) to the best-ranked eligible one. <c>trade</c> classifies an
/// order that has none yet (reception's requests do not say).
/// </summary>
public sealed record DispatchCommand(Guid? TechnicianId, string? Trade);

/// <summary>A visit time proposed to the owner (the technician is busy), sent to reception to agree.</summary>
public sealed record ProposeAppointmentCommand(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>Everyone who works in the order's estate, eligible first in ranking order, each with the reasons.</summary>
public sealed record CandidatesResponse(Guid WorkOrderId, string Trade, DateTimeOffset At, IReadOnlyList<DispatchCandidate> Candidates);

/// <summary>
/// What dispatch did: <see cref="DispatchedTo"/> the technician, or nobody eligible, and then the earliest slot proposed on the
/// order (<c>appointmentStartsAt</c>) and sent to reception.
/// </summary>
public sealed record DispatchResponse(WorkOrderResponse WorkOrder, DispatchCandidate? DispatchedTo, IReadOnlyList<DispatchCandidate> Candidates);

public static class DispatchApi
{
    public static RouteGroupBuilder MapDispatchApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/work-orders").WithTags("Dispatch");
        group.MapGet("/{id:guid}/candidates", Candidates).RequireRoles(MaintenanceRoles.Dispatchers);
        group.MapPost("/{id:guid}/dispatch", DispatchWorkOrder).RequireRoles(MaintenanceRoles.Dispatchers);
        group.MapPost("/{id:guid}/appointment", ProposeAppointment).RequireRoles(MaintenanceRoles.AppointmentProposers);
        return group;
    }

    /// <summary>Who could take the order now and why (or why not); <c>trade</c> for an order without one.</summary>
    public static async Task<Ok<CandidatesResponse>> Candidates(
        Guid id, string? trade, MaintenanceDbContext db, IEstateCalendars calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
            ?? throw new NotFoundException("Work order", id);
        var chosenTrade = TradeFor(workOrder, trade);
        var now = time.GetUtcNow();
        var calendar = await CalendarAsync(calendars, workOrder.EstateId, cancellationToken);
        var candidates = await Dispatcher.CandidatesAsync(db, workOrder, chosenTrade, calendar, now, cancellationToken);
        return TypedResults.Ok(new CandidatesResponse(workOrder.Id, chosenTrade, now, candidates));
    }

    public static async Task<Ok<DispatchResponse>> DispatchWorkOrder(
        Guid id, DispatchCommand command, MaintenanceDbContext db, EstateScope scope, IEstateCalendars calendars, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var workOrder = await WorkOrdersApi.LoadForWriteAsync(id, db, scope, cancellationToken);
        var trade = TradeFor(workOrder, command.Trade);
        if (command.TechnicianId == Guid.Empty)
        {
            throw new ValidationFailedException("technicianId", "Must not be empty; leave it out to dispatch to the best-ranked technician.");
        }

        if (!workOrder.CanDispatch)
        {
            throw new ConflictException($"The work order is {workOrder.Status}; it can be dispatched only before the technician is on site, or as rework.");
        }

        var now = time.GetUtcNow();
        var calendar = await CalendarAsync(calendars, workOrder.EstateId, cancellationToken);
        var candidates = await Dispatcher.CandidatesAsync(db, workOrder, trade, calendar, now, cancellationToken);
        DispatchCandidate? chosen;
        if (command.TechnicianId is { } technicianId)
        {
            chosen = candidates.SingleOrDefault(c => c.StaffId == technicianId)
                ?? throw new ConflictException($"Technician '{technicianId}' does not work in this estate as far as hr-training has told maintenance.");
            if (!chosen.Eligible)
            {
                throw new ConflictException($"{chosen.Name} cannot take this {trade} work order now: {string.Join("; ", chosen.Reasons)}.");
            }
        }
        else
        {
            chosen = candidates.FirstOrDefault(c => c.Eligible);
        }

        var by = WorkOrdersApi.Caller(scope);
        if (chosen is not null)
        {
            workOrder.Dispatch(chosen.StaffId, chosen.Name, trade, by, now);
            WorkOrderEvents.Dispatched(db, workOrder, now);
            if (workOrder.NeedsVisitAgreed)
            {
                // Reception took no visit time at intake: the owner agrees one with reception for the technician's first free slot.
                var (startsAt, endsAt) = await Dispatcher.VisitSlotAsync(db, workOrder, chosen.StaffId, now, cancellationToken);
                workOrder.ProposeAppointment(startsAt, endsAt, by, now);
                WorkOrderEvents.AppointmentProposed(db, workOrder, now);
            }
        }
        else
        {
            await ProposeEarliestSlotAsync(db, workOrder, trade, calendar, by, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DispatchResponse(WorkOrderResponse.From(workOrder, now), chosen, candidates));
    }

    /// <summary>The technician is busy, or the owner is away: a visit time goes to reception to agree with the owner.</summary>
    public static Task<Ok<WorkOrderResponse>> ProposeAppointment(
        Guid id, ProposeAppointmentCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var now = time.GetUtcNow();
        if (command.StartsAt is null)
        {
            errors.Add("startsAt", "Required: when the visit starts (an instant).");
        }
        else if (command.StartsAt <= now)
        {
            errors.Add("startsAt", "Must be in the future.");
        }

        if (command.EndsAt is null)
        {
            errors.Add("endsAt", "Required: when the visit ends (an instant).");
        }
        else if (command.StartsAt is not null && (command.EndsAt <= command.StartsAt || command.EndsAt - command.StartsAt > TimeSpan.FromHours(12)))
        {
            errors.Add("endsAt", "Must be after 'startsAt', at most 12 hours later.");
        }

        errors.ThrowIfAny();
        return WorkOrdersApi.StepAsync(id, db, scope, time, (w, by, at) =>
        {
            if (scope.IsInRole(PlatformRoles.Technician) && !MaintenanceRoles.Dispatchers.Any(scope.IsInRole) && !w.IsAssignedTo(by.Subject))
            {
                throw new ForbiddenException("Only the technician the work order is dispatched to, or a dispatcher, may propose a visit.");
            }

            w.ProposeAppointment(command.StartsAt!.Value.ToUniversalTime(), command.EndsAt!.Value.ToUniversalTime(), by, at);
            WorkOrderEvents.AppointmentProposed(db, w, at);
        }, cancellationToken);
    }

    /// <summary>Nobody eligible: the earliest slot is proposed, recorded on the order and sent to reception.</summary>
    internal static async Task ProposeEarliestSlotAsync(
        MaintenanceDbContext db, WorkOrder workOrder, string trade, EstateCalendar calendar, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        workOrder.Classify(trade);
        var (startsAt, endsAt) = await Dispatcher.EarliestSlotAsync(db, workOrder, trade, calendar, now, cancellationToken);
        workOrder.ProposeAppointment(startsAt, endsAt, by, now);
        WorkOrderEvents.AppointmentProposed(db, workOrder, now);
    }

    internal static async Task<EstateCalendar> CalendarAsync(IEstateCalendars calendars, Guid estateId, CancellationToken cancellationToken) =>
        await calendars.GetAsync(estateId, cancellationToken) ?? WorkOrderDeadlines.AroundTheClock;

    private static string TradeFor(WorkOrder workOrder, string? requested)
    {
        if (requested is not null)
        {
            return Trades.Normalize(requested) ?? throw new ValidationFailedException("trade", $"Must be one of: {string.Join(", ", Trades.All)}.");
        }

        return workOrder.Trade ?? throw new ValidationFailedException("trade", "Required: the work order has no trade yet.");
    }
}
