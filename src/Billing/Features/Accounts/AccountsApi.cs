using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Accounts;

public sealed record OpenItemResponse(Guid Id, string FeeItem, string Description, decimal Amount, decimal Outstanding, DateOnly DueOn, string Source, Guid SourceId);

/// <summary>A unit's account as the counter sees it: what is open, oldest first, and the unit's credit (not yet applied to open items: <c>apply-credit</c> does, and so does the next run that bills the unit).</summary>
public sealed record AccountResponse(Guid UnitId, Guid EstateId, string UnitNumber, Guid? OwnerId, string Currency, decimal Balance, decimal Credit, OpenItemResponse[] OpenItems);

/// <summary>The counter's first call: the unit's open items and balance. Paying is the second (<c>POST /payments</c>).</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        // Owners read their own units' accounts (the portal's bills); another unit is a 404, as if it did not exist.
        api.MapGet("/units/{unitId:guid}/account", Get).WithTags("Accounts").RequireRoles([.. BillingRoles.Readers, PlatformRoles.Owner]);
        api.MapGet("/units/account", Lookup).WithTags("Accounts").RequireRoles(BillingRoles.Readers);
        api.MapPost("/units/{unitId:guid}/account/apply-credit", ApplyCredit).WithTags("Accounts").RequireRoles(BillingRoles.Cashiers);
        return api;
    }

    public static async Task<Ok<AccountResponse>> Get(Guid unitId, BillingDbContext db, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken);
        if (unit is null || (db.Scope.IsOwnerOnly && !db.Scope.UnitIds.Contains(unitId)))
        {
            throw new NotFoundException("Unit", unitId);
        }

        var estate = await BillingEstates.GetAsync(db, unit.EstateId, cancellationToken);
        var open = await OpenItemsAsync(db, unitId, cancellationToken);
        var credit = await CreditAsync(db, unitId, cancellationToken);
        return TypedResults.Ok(new AccountResponse(
            unitId, unit.EstateId, unit.Number, unit.OwnerId, estate.Currency, open.Sum(o => o.Outstanding), credit,
            [.. open.Select(o => new OpenItemResponse(o.Item.Id, o.Item.FeeItem.Name(), o.Item.Description, o.Item.Amount, o.Outstanding, o.Item.DueOn, o.Item.Source, o.Item.SourceId))]));
    }

    /// <summary>
    /// Applies the unit's credit (what its payments left, oldest payment first) to its oldest open items, as new
    /// allocations of those payments; nothing is edited. Arrears it clears are closed. Answers the account after it.
    /// </summary>
    public static async Task<Ok<AccountResponse>> ApplyCredit(
        Guid unitId, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId, unitId);
        var estate = await BillingEstates.GetAsync(db, unit.EstateId, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM billable_units WHERE unit_id = {unitId} FOR UPDATE", ct);
            var now = time.GetUtcNow();
            var open = (await OpenItemsAsync(db, unitId, ct)).Select(o => new OpenItem(o.Item.Id, o.Item.DueOn, o.Item.BookedAt, o.Outstanding)).ToList();
            var credits = await db.Payments.AsNoTracking().Where(p => p.UnitId == unitId && !db.PaymentReversals.Any(v => v.PaymentId == p.Id))
                .Select(p => new
                {
                    p.Id,
                    p.ReceivedAt,
                    Left = p.Amount - (db.Allocations.Where(a => a.PaymentId == p.Id).Sum(a => (decimal?)a.Amount) ?? 0m)
                        - (db.Refunds.Where(f => f.PaymentId == p.Id).Sum(f => (decimal?)f.Amount) ?? 0m),
                })
                .Where(p => p.Left > 0m).OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id).ToListAsync(ct);
            foreach (var payment in credits)
            {
                var (allocations, _) = PaymentAllocation.Allocate(payment.Left, open, []);
                foreach (var (receivableId, amount) in allocations)
                {
                    db.Allocations.Add(new Allocation
                    {
                        Id = Guid.CreateVersion7(now), EstateId = unit.EstateId, PaymentId = payment.Id, ReceivableId = receivableId, Amount = amount,
                        AllocatedAt = now,
                    });
                    var index = open.FindIndex(o => o.ReceivableId == receivableId);
                    open[index] = open[index] with { Outstanding = open[index].Outstanding - amount };
                }
            }

            await db.SaveChangesAsync(ct);
            await PaymentsApi.CloseArrearsIfNothingOverdueAsync(db, unitId, estate.ToCalendar().LocalDay(now), now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return await Get(unitId, db, cancellationToken);
    }

    /// <summary>The counter's lookup by what the owner says, the unit's number in the estate: the account in the same call.</summary>
    public static async Task<Ok<AccountResponse>> Lookup(BillingDbContext db, Guid? estateId, string? number, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var unitNumber = errors.Text(number, "number", maxLength: 50);
        errors.ThrowIfAny();
        var unitId = await db.Units.AsNoTracking().Where(u => u.EstateId == estate && u.Number == unitNumber).Select(u => (Guid?)u.UnitId)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Unit", $"{unitNumber} in estate {estate}");
        return await Get(unitId, db, cancellationToken);
    }

    /// <summary>
    /// The unit's credit: what its payments that are not reversed left after settling items, less what was refunded of
    /// them. (A reversed payment's money is owed back to its payer, not credit of the unit.)
    /// </summary>
    internal static async Task<decimal> CreditAsync(BillingDbContext db, Guid unitId, CancellationToken cancellationToken) =>
        await db.Payments.Where(p => p.UnitId == unitId && !db.PaymentReversals.Any(v => v.PaymentId == p.Id))
            .SumAsync(p => p.Amount - (db.Allocations.Where(a => a.PaymentId == p.Id).Sum(a => (decimal?)a.Amount) ?? 0m)
                - (db.Refunds.Where(f => f.PaymentId == p.Id).Sum(f => (decimal?)f.Amount) ?? 0m), cancellationToken);

    /// <summary>The unit's items with something still owed (amount less allocations and adjustments), oldest first.</summary>
    internal static async Task<List<(Receivable Item, decimal Outstanding)>> OpenItemsAsync(BillingDbContext db, Guid unitId, CancellationToken cancellationToken)
    {
        var rows = await db.Receivables.AsNoTracking().Where(r => r.UnitId == unitId)
            .Select(r => new
            {
                Item = r,
                Paid = (db.Allocations.Where(a => a.ReceivableId == r.Id && !db.PaymentReversals.Any(v => v.PaymentId == a.PaymentId))
                        .Sum(a => (decimal?)a.Amount) ?? 0m)
                    + (db.Adjustments.Where(j => j.ReceivableId == r.Id).Sum(j => (decimal?)j.Amount) ?? 0m),
            })
            .Where(x => x.Item.Amount > x.Paid)
            .OrderBy(x => x.Item.DueOn).ThenBy(x => x.Item.BookedAt).ThenBy(x => x.Item.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => (x.Item, x.Item.Amount - x.Paid))];
    }
}
