using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.Arrears;

/// <summary>An item that was open at some moment, with what was still owed on it then.</summary>
public sealed record OpenItemAsOf(Guid ReceivableId, Guid UnitId, FeeItem FeeItem, string Source, Guid SourceId, DateOnly DueOn, decimal Amount, decimal Outstanding);

/// <summary>
/// What an estate's units owed at the end of an estate-local day, past or present: items booked by then, less what
/// payments (not reversed by then) settled by then (an allocation counts from when it was made, as credit applied later
/// does) and corrections, discounts and write-offs recorded by then took off. Nothing is
/// edited in place, so any day can be reconstructed. A unit's unused credit then is set against its oldest items.
/// </summary>
internal static class OpenItemsAsOf
{
    /// <summary>The first instant after the estate-local day <paramref name="day"/>.</summary>
    public static DateTimeOffset EndOf(DateOnly day, EstateCalendar calendar) => calendar.ToInstant(day.AddDays(1), TimeOnly.MinValue);

    public static async Task<List<OpenItemAsOf>> QueryAsync(
        BillingDbContext db, Guid estateId, Guid? unitId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var items = db.Receivables.AsNoTracking().Where(r => r.EstateId == estateId && r.BookedAt < at);
        items = unitId is null ? items : items.Where(r => r.UnitId == unitId);
        var rows = await items
            .Select(r => new
            {
                Item = r,
                Paid = db.Allocations.Where(a => a.ReceivableId == r.Id && a.AllocatedAt < at
                        && !db.PaymentReversals.Any(v => v.PaymentId == a.PaymentId && v.ReversedAt < at))
                    .Sum(a => (decimal?)a.Amount) ?? 0m,
                Adjusted = db.Adjustments.Where(j => j.ReceivableId == r.Id && j.RecordedAt < at).Sum(j => (decimal?)j.Amount) ?? 0m,
            })
            .Where(x => x.Item.Amount > x.Paid + x.Adjusted)
            .ToListAsync(cancellationToken);
        var open = rows.Select(x => new OpenItemAsOf(
            x.Item.Id, x.Item.UnitId, x.Item.FeeItem, x.Item.Source, x.Item.SourceId, x.Item.DueOn, x.Item.Amount, x.Item.Amount - x.Paid - x.Adjusted));
        return SetAgainstCredit([.. open], await CreditsAsync(db, estateId, unitId, at, cancellationToken));
    }

    /// <summary>
    /// Each unit's credit at <paramref name="at"/>: what its payments received by then (and not reversed by then) left
    /// after the allocations made by then, less what was refunded of them by then.
    /// </summary>
    public static async Task<Dictionary<Guid, decimal>> CreditsAsync(
        BillingDbContext db, Guid estateId, Guid? unitId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var payments = db.Payments.AsNoTracking()
            .Where(p => p.EstateId == estateId && p.ReceivedAt < at && !db.PaymentReversals.Any(v => v.PaymentId == p.Id && v.ReversedAt < at));
        payments = unitId is null ? payments : payments.Where(p => p.UnitId == unitId);
        var left = await payments
            .Select(p => new
            {
                p.UnitId,
                Left = p.Amount - (db.Allocations.Where(a => a.PaymentId == p.Id && a.AllocatedAt < at).Sum(a => (decimal?)a.Amount) ?? 0m)
                    - (db.Refunds.Where(f => f.PaymentId == p.Id && f.RefundedAt < at).Sum(f => (decimal?)f.Amount) ?? 0m),
            })
            .Where(x => x.Left > 0m)
            .ToListAsync(cancellationToken);
        return left.GroupBy(x => x.UnitId).ToDictionary(g => g.Key, g => g.Sum(x => x.Left));
    }

    /// <summary>
    /// A unit's unused credit is set against its oldest items (earliest due first), as applying it would: an owner who
    /// paid ahead owes, and is overdue with, only what the credit does not cover.
    /// </summary>
    internal static List<OpenItemAsOf> SetAgainstCredit(List<OpenItemAsOf> open, IReadOnlyDictionary<Guid, decimal> credits)
    {
        if (credits.Count == 0)
        {
            return open;
        }

        var result = new List<OpenItemAsOf>(open.Count);
        foreach (var unit in open.GroupBy(i => i.UnitId))
        {
            var credit = credits.GetValueOrDefault(unit.Key);
            foreach (var item in unit.OrderBy(i => i.DueOn).ThenBy(i => i.ReceivableId))
            {
                var covered = Math.Min(credit, item.Outstanding);
                credit -= covered;
                if (item.Outstanding > covered)
                {
                    result.Add(item with { Outstanding = item.Outstanding - covered });
                }
            }
        }

        return result;
    }

    /// <summary>The items of <paramref name="open"/> past due on the estate-local day <paramref name="asOf"/>.</summary>
    public static IEnumerable<OpenItemAsOf> Overdue(this IEnumerable<OpenItemAsOf> open, DateOnly asOf) => open.Where(i => i.DueOn < asOf);
}
