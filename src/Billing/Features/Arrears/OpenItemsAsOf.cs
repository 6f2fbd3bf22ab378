using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.Arrears;

/// <summary>An item that was open at some moment, with what was still owed on it then.</summary>
public sealed record OpenItemAsOf(Guid ReceivableId, Guid UnitId, FeeItem FeeItem, string Source, Guid SourceId, DateOnly DueOn, decimal Amount, decimal Outstanding);

/// <summary>
/// What an estate's units owed at the end of an estate-local day, past or present: items booked by then, less what
/// payments received (and not reversed) by then settled and corrections, discounts and write-offs recorded by then took off. Nothing is
/// edited in place, so any day can be reconstructed.
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
                Paid = db.Allocations.Where(a => a.ReceivableId == r.Id && db.Payments.Any(p => p.Id == a.PaymentId && p.ReceivedAt < at)
                        && !db.PaymentReversals.Any(v => v.PaymentId == a.PaymentId && v.ReversedAt < at))
                    .Sum(a => (decimal?)a.Amount) ?? 0m,
                Adjusted = db.Adjustments.Where(j => j.ReceivableId == r.Id && j.RecordedAt < at).Sum(j => (decimal?)j.Amount) ?? 0m,
            })
            .Where(x => x.Item.Amount > x.Paid + x.Adjusted)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(x => new OpenItemAsOf(
            x.Item.Id, x.Item.UnitId, x.Item.FeeItem, x.Item.Source, x.Item.SourceId, x.Item.DueOn, x.Item.Amount, x.Item.Amount - x.Paid - x.Adjusted))];
    }

    /// <summary>The items of <paramref name="open"/> past due on the estate-local day <paramref name="asOf"/>.</summary>
    public static IEnumerable<OpenItemAsOf> Overdue(this IEnumerable<OpenItemAsOf> open, DateOnly asOf) => open.Where(i => i.DueOn < asOf);
}
