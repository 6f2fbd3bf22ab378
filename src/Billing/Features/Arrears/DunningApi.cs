using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Arrears;

/// <summary>The next step of a unit's dunning: <c>step</c> reminder, butler-visit, formal-notice or legal-action; <c>channel</c> sms or phone for the reminder.</summary>
public sealed record DunningStepCommand(string? Step, string? Channel, string? Note);

/// <summary>Why the unit is in arrears: <c>reason</c> dispute, hardship, vacancy or other; a dispute's <c>note</c> is the owner's complaint; <c>receivableIds</c> the disputed items (default: all open items).</summary>
public sealed record ArrearsReasonCommand(string? Reason, string? Note, Guid[]? ReceivableIds);

public sealed record DunningActionResponse(
    Guid Id, string Step, string? Channel, decimal OverdueAmount, string Currency, string? Note, string RecordedBy, DateTimeOffset RecordedAt, string? Outcome,
    DateTimeOffset? VisitedAt);

public sealed record ArrearsReasonResponse(Guid Id, string Reason, string? Note, string Source, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record ArrearsCaseResponse(
    Guid Id, Guid EstateId, Guid UnitId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, string? Step, string? NextStep, string? Reason,
    DunningActionResponse[] Actions, ArrearsReasonResponse[] Reasons);

/// <summary>
/// The dunning ladder of a unit (reminder → butler visit → formal notice → legal action), each step once and in order
/// (409 otherwise), and the reasons for its arrears. A reminder asks reception to notify the owner; a butler visit is
/// asked of reception with <see cref="DunningEscalatedToVisit"/>; a dispute goes to reception as <see cref="FeeDisputed"/>.
/// </summary>
public static class DunningApi
{
    public const int MaxNote = 2000;

    public static RouteGroupBuilder MapDunningApi(this RouteGroupBuilder api)
    {
        var unit = api.MapGroup("/units/{unitId:guid}/arrears").WithTags("Arrears");
        unit.MapGet("/", Get).RequireRoles(BillingRoles.Readers);
        unit.MapPost("/dunning", TakeStep).RequireRoles(BillingRoles.Cashiers);
        unit.MapPost("/reasons", RecordReason).RequireRoles(BillingRoles.Cashiers);
        return api;
    }

    /// <summary>The unit's open arrears case, or its latest closed one.</summary>
    public static async Task<Ok<ArrearsCaseResponse>> Get(Guid unitId, BillingDbContext db, CancellationToken cancellationToken)
    {
        var found = await db.ArrearsCases.AsNoTracking().Include(c => c.Actions).Include(c => c.Reasons)
            .Where(c => c.UnitId == unitId).OrderBy(c => c.ClosedAt != null).ThenByDescending(c => c.OpenedAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Arrears of unit", unitId);
        return TypedResults.Ok(ToResponse(found));
    }

    public static async Task<Ok<ArrearsCaseResponse>> TakeStep(
        Guid unitId, DunningStepCommand command, BillingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (!DunningSteps.TryParse(command.Step, out var step))
        {
            errors.Add("step", $"Must be one of: {string.Join(", ", DunningSteps.All)}.");
        }

        var channel = command.Channel?.Trim().ToLowerInvariant();
        if (step == DunningStep.Reminder && channel is not ("sms" or "phone"))
        {
            errors.Add("channel", "A reminder is sent by sms or phone.");
        }
        else if (step != DunningStep.Reminder && channel is not null)
        {
            errors.Add("channel", "Only a reminder has a channel.");
        }

        var note = errors.OptionalText(command.Note, "note", MaxNote);
        errors.ThrowIfAny();
        if (!DunningSteps.RolesFor(step).Any(scope.IsInRole) && !scope.IsInRole(PlatformRoles.GroupAdmin))
        {
            throw new ForbiddenException($"A {DunningSteps.Name(step)} is decided by the estate manager.");
        }

        return TypedResults.Ok(await InUnitTransactionAsync(db, scope, unitId, async (unit, estate, open, ct) =>
        {
            var now = time.GetUtcNow();
            var today = estate.ToCalendar().LocalDay(now);
            var overdue = open.Overdue(today).ToList();
            if (overdue.Count == 0)
            {
                throw new ConflictException($"Unit '{unitId}' has nothing overdue: there is nothing to dun.");
            }

            if (step is DunningStep.Reminder or DunningStep.ButlerVisit && unit.OwnerId is null)
            {
                throw new ConflictException($"Reception has not named the owner of unit '{unitId}' yet: there is nobody to remind or visit.");
            }

            var arrears = await OpenCaseAsync(db, unit, now, ct);
            var amount = overdue.Sum(i => i.Outstanding);
            _ = arrears.Take(step, channel, amount, estate.Currency, note, scope.Account(), now)
                ?? throw new ConflictException(arrears.NextStep is { } next
                    ? $"The next dunning step of unit '{unitId}' is {DunningSteps.Name(next)}; steps are taken in order, each once."
                    : $"Legal action is already under way for unit '{unitId}'.");
            Announce(db, step, channel, unit, amount, estate.Currency, overdue.Min(i => i.DueOn), correlation.CorrelationId, now);
            return arrears;
        }, cancellationToken));
    }

    public static async Task<Ok<ArrearsCaseResponse>> RecordReason(
        Guid unitId, ArrearsReasonCommand command, BillingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var reason = errors.Enum<ArrearsReason>(command.Reason, "reason");
        var named = command.ReceivableIds ?? [];
        var note = reason is ArrearsReason.Dispute or ArrearsReason.Other && LocalInput.Names<ArrearsReason>(command.Reason)
            ? errors.Text(command.Note, "note", MaxNote)
            : errors.OptionalText(command.Note, "note", MaxNote);
        if (named.Distinct().Count() != named.Length)
        {
            errors.Add("receivableIds", "Names an item twice.");
        }
        else if (named.Length > 0 && reason != ArrearsReason.Dispute)
        {
            errors.Add("receivableIds", "Only a dispute names items.");
        }

        errors.ThrowIfAny();
        return TypedResults.Ok(await InUnitTransactionAsync(db, scope, unitId, async (unit, estate, open, ct) =>
        {
            var unknown = named.Where(id => open.All(i => i.ReceivableId != id)).ToList();
            if (unknown.Count > 0)
            {
                throw new ValidationFailedException("receivableIds", $"Not open items of this unit: {string.Join(", ", unknown)}.");
            }

            if (open.Count == 0)
            {
                throw new ConflictException($"Unit '{unitId}' owes nothing: there are no arrears to give a reason for.");
            }

            var now = time.GetUtcNow();
            var arrears = await OpenCaseAsync(db, unit, now, ct);
            var entry = arrears.Record(reason, note, ArrearsReasonEntry.StaffSource, scope.Account(), now);
            if (reason == ArrearsReason.Dispute)
            {
                var disputed = named.Length > 0 ? [.. open.Where(i => named.Contains(i.ReceivableId))] : open;
                Disputes.Announce(db, entry, unit.UnitId, unit.OwnerId, disputed, estate.Currency, note!, correlation.CorrelationId, now);
            }

            return arrears;
        }, cancellationToken));
    }

    /// <summary>
    /// Runs <paramref name="change"/> with the unit's row locked (dunning, reasons and payments of one unit queue on it),
    /// given the unit's open items now, and saves what it did in one transaction.
    /// </summary>
    private static async Task<ArrearsCaseResponse> InUnitTransactionAsync(
        BillingDbContext db, EstateScope scope, Guid unitId, Func<BillableUnit, KnownEstateCalendar, List<OpenItemAsOf>, CancellationToken, Task<ArrearsCase>> change,
        CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId, unitId);
        var estate = await BillingEstates.GetAsync(db, unit.EstateId, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM billable_units WHERE unit_id = {unitId} FOR UPDATE", ct);
            var open = await OpenItemsAsOf.QueryAsync(db, unit.EstateId, unitId, DateTimeOffset.MaxValue, ct);
            var arrears = await change(unit, estate, open, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return ToResponse(arrears);
        }, cancellationToken);
    }

    private static async Task<ArrearsCase> OpenCaseAsync(BillingDbContext db, BillableUnit unit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.ArrearsCases.Include(c => c.Actions).Include(c => c.Reasons)
            .SingleOrDefaultAsync(c => c.UnitId == unit.UnitId && c.ClosedAt == null, cancellationToken);
        if (open is null)
        {
            open = ArrearsCase.Open(unit.EstateId, unit.UnitId, now);
            db.ArrearsCases.Add(open);
        }

        return open;
    }

    private static void Announce(
        BillingDbContext db, DunningStep step, string? channel, BillableUnit unit, decimal overdue, string currency, DateOnly oldestDueOn, Guid correlationId,
        DateTimeOffset now)
    {
        switch (step)
        {
            case DunningStep.Reminder:
                db.AddIntegrationEvent(new NotificationRequested(
                    Guid.CreateVersion7(now), now, unit.EstateId, correlationId, "owner", unit.OwnerId!.Value, BillingNotifications.ArrearsReminder,
                    new Dictionary<string, string>
                    {
                        ["unitNumber"] = unit.Number,
                        ["amount"] = BillingRounding.Format(overdue, currency),
                        ["currency"] = currency,
                        ["oldestDueOn"] = oldestDueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["channel"] = channel!,
                    },
                    "normal"));
                break;
            case DunningStep.ButlerVisit:
                db.AddIntegrationEvent(new DunningEscalatedToVisit(
                    Guid.CreateVersion7(now), now, unit.EstateId, correlationId, unit.UnitId, unit.OwnerId!.Value, overdue, currency, (int)step));
                break;
            default:
                // A formal notice is served in writing and legal action is taken by the company's lawyers: recorded here, sent by people.
                break;
        }
    }

    internal static ArrearsCaseResponse ToResponse(ArrearsCase c) => new(
        c.Id, c.EstateId, c.UnitId, c.OpenedAt, c.ClosedAt, c.Step is { } step ? DunningSteps.Name(step) : null,
        c.NextStep is { } next ? DunningSteps.Name(next) : null, c.CurrentReason?.Reason.ToString().ToLowerInvariant(),
        [.. c.Actions.OrderBy(a => a.Step).Select(a => new DunningActionResponse(
            a.Id, DunningSteps.Name(a.Step), a.Channel, a.OverdueAmount, a.Currency, a.Note, a.RecordedBy, a.RecordedAt, a.Outcome, a.VisitedAt))],
        [.. c.Reasons.OrderBy(r => r.RecordedAt).Select(r => new ArrearsReasonResponse(
            r.Id, r.Reason.ToString().ToLowerInvariant(), r.Note, r.Source, r.RecordedBy, r.RecordedAt))]);
}
