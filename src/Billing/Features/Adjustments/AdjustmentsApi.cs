using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Adjustments;

/// <summary>Lowers what is owed on an open item: <c>kind</c> correction, discount or write-off; <c>amount</c> at most what is outstanding; <c>reason</c> required.</summary>
public sealed record AdjustmentCommand(string? Kind, decimal? Amount, string? Reason);

public sealed record AdjustmentResponse(
    Guid Id, Guid EstateId, Guid UnitId, Guid ReceivableId, Guid? BillId, string Kind, decimal Amount, string Currency, string Reason, string RecordedBy,
    DateTimeOffset RecordedAt, decimal? Outstanding);

/// <summary>
/// Corrections (credit notes), discounts and write-offs of open items, each a new entry pointing at the item (and its
/// bill): the item is never edited, its outstanding amount is computed from its allocations and adjustments. Every
/// adjustment lowers what the estate collects, so it is the estate manager's decision (the cashier who takes the money
/// does not also reduce what is owed). A unit whose overdue items are all adjusted away leaves arrears and dunning.
/// </summary>
public static class AdjustmentsApi
{
    public const int MaxReason = 2000;

    public static RouteGroupBuilder MapAdjustmentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/receivables/{receivableId:guid}/adjustments", Adjust).WithTags("Adjustments").RequireRoles(BillingRoles.Adjusters);
        api.MapGet("/adjustments", List).WithTags("Adjustments").RequireRoles(BillingRoles.Readers);
        return api;
    }

    public static async Task<Created<AdjustmentResponse>> Adjust(
        Guid receivableId, AdjustmentCommand command, BillingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (!AdjustmentKinds.TryParse(command.Kind, out var kind))
        {
            errors.Add("kind", $"Must be one of: {string.Join(", ", Enum.GetValues<AdjustmentKind>().Select(AdjustmentKinds.Name))}.");
        }

        var reason = errors.Text(command.Reason, "reason", MaxReason);
        var item = await db.Receivables.AsNoTracking().SingleOrDefaultAsync(r => r.Id == receivableId, cancellationToken)
            ?? throw new NotFoundException("Open item", receivableId);
        scope.EnsureCanWrite(item.EstateId, item.UnitId);
        var amount = errors.Money(command.Amount, item.Currency, "amount", PaymentsApi.MaxPayment);
        if (command.Amount is 0m)
        {
            errors.Add("amount", "Must be more than 0.");
        }

        errors.ThrowIfAny();
        var estate = await BillingEstates.GetAsync(db, item.EstateId, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Payments and adjustments of one unit queue on its row, so they never take off the same outstanding amount twice.
            var unit = await db.Units.FromSql($"SELECT * FROM billable_units WHERE unit_id = {item.UnitId} FOR UPDATE").AsNoTracking().SingleAsync(ct);
            var outstanding = (await AccountsApi.OpenItemsAsync(db, item.UnitId, ct)).Where(o => o.Item.Id == item.Id).Sum(o => o.Outstanding);
            if (amount > outstanding)
            {
                throw new ValidationFailedException(
                    "amount", $"Cannot be more than the {BillingRounding.Format(outstanding, item.Currency)} {item.Currency} still outstanding on the item.");
            }

            var now = time.GetUtcNow();
            var adjustment = Adjustment.Record(item, kind, amount, reason, scope.Account(), now);
            db.Adjustments.Add(adjustment);
            db.AddIntegrationEvent(new ReceivableAdjusted(
                Guid.CreateVersion7(now), now, item.EstateId, correlation.CorrelationId, adjustment.Id, item.Id, adjustment.BillId, item.UnitId, unit.OwnerId,
                AdjustmentKinds.Name(kind), amount, outstanding - amount, item.Currency, reason, adjustment.RecordedBy));
            await db.SaveChangesAsync(ct);
            await PaymentsApi.CloseArrearsIfNothingOverdueAsync(db, item.UnitId, estate.ToCalendar().LocalDay(now), now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return TypedResults.Created($"/api/billing/adjustments?unitId={item.UnitId}", ToResponse(adjustment, outstanding - amount));
        }, cancellationToken);
    }

    /// <summary>Adjustments of the caller's estates, newest first; by unit or by item.</summary>
    public static async Task<Ok<Page<AdjustmentResponse>>> List(
        BillingDbContext db, Guid? unitId, Guid? receivableId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Adjustments.AsNoTracking();
        query = unitId is null ? query : query.Where(a => a.UnitId == unitId);
        query = receivableId is null ? query : query.Where(a => a.ReceivableId == receivableId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(a => a.RecordedAt, a => a.Id, cursor, limit, a => ToResponse(a, null), cancellationToken));
    }

    private static AdjustmentResponse ToResponse(Adjustment a, decimal? outstanding) => new(
        a.Id, a.EstateId, a.UnitId, a.ReceivableId, a.BillId, AdjustmentKinds.Name(a.Kind), a.Amount, a.Currency, a.Reason, a.RecordedBy, a.RecordedAt,
        outstanding);
}
