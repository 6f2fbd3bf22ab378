using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Accounts;

public sealed record OpenItemResponse(Guid Id, string FeeItem, string Description, decimal Amount, decimal Outstanding, DateOnly DueOn, string Source, Guid SourceId);

/// <summary>A unit's account as the counter sees it: what is open, oldest first, and the unit's credit.</summary>
public sealed record AccountResponse(Guid UnitId, Guid EstateId, string UnitNumber, Guid? OwnerId, string Currency, decimal Balance, decimal Credit, OpenItemResponse[] OpenItems);

/// <summary>The counter's first call: the unit's open items and balance. Paying is the second (<c>POST /payments</c>).</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        // Owners read their own units' accounts (the portal's bills); another unit is a 404, as if it did not exist.
        api.MapGet("/units/{unitId:guid}/account", Get).WithTags("Accounts").RequireRoles([.. BillingRoles.Readers, PlatformRoles.Owner]);
        api.MapGet("/units/account", Lookup).WithTags("Accounts").RequireRoles(BillingRoles.Readers);
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
