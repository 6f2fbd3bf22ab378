using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.Reports;

/// <summary>What fell due for one fee item in a period and how much of it was collected by the period's end.</summary>
public sealed record FeeItemCollected(string FeeItem, int ItemsDue, int ItemsPaid, decimal AmountDue, decimal Collected, decimal? Rate);

public sealed record MethodTotal(string Method, int Payments, decimal Amount);

/// <summary>
/// A period's collection, estate-local days <see cref="From"/> to <see cref="To"/> inclusive: the items due in it and
/// what of them was collected by its end (the collection rate, per fee item and in total), and the money received in it
/// by payment method (which may settle items of other periods).
/// </summary>
public sealed record CollectionSummaryResponse(
    Guid EstateId, string Period, DateOnly From, DateOnly To, string Currency, decimal AmountDue, decimal Collected, decimal? CollectionRate,
    FeeItemCollected[] ByFeeItem, decimal Received, MethodTotal[] ReceivedByMethod, DateTimeOffset? SubmittedAt, string? SubmittedBy, DateTimeOffset? DueAt);

internal static class CollectionFigures
{
    /// <summary>A rate as the KPIs write it: a fraction with four decimals; null when nothing was due.</summary>
    public static decimal? Rate(decimal collected, decimal due) => due == 0m ? null : Math.Round(collected / due, 4);

    public static async Task<CollectionSummaryResponse> ComputeAsync(
        BillingDbContext db, Guid estateId, string period, DateOnly from, DateOnly to, EstateCalendar calendar, string currency, CancellationToken cancellationToken)
    {
        var (start, end) = (calendar.ToInstant(from, TimeOnly.MinValue), calendar.ToInstant(to.AddDays(1), TimeOnly.MinValue));
        var due = await db.Receivables.AsNoTracking().Where(r => r.EstateId == estateId && r.DueOn >= from && r.DueOn <= to)
            .Select(r => new
            {
                r.FeeItem,
                r.Amount,
                // Settled by the period's end: a payment's credit applied after it counts in the period it was applied in.
                Collected = db.Allocations.Where(a => a.ReceivableId == r.Id && a.AllocatedAt < end
                        && !db.PaymentReversals.Any(v => v.PaymentId == a.PaymentId && v.ReversedAt < end))
                    .Sum(a => (decimal?)a.Amount) ?? 0m,
                // Corrections and discounts by the period's end lower what was due; a write-off does not: it is money not collected.
                Credited = db.Adjustments.Where(j => j.ReceivableId == r.Id && j.Kind != AdjustmentKind.WriteOff && j.RecordedAt < end)
                    .Sum(j => (decimal?)j.Amount) ?? 0m,
            })
            .ToListAsync(cancellationToken);
        due = [.. due.Select(d => d with { Amount = d.Amount - d.Credited }).Where(d => d.Amount > 0m)];
        var byFeeItem = due.GroupBy(d => d.FeeItem).OrderBy(g => g.Key)
            .Select(g => new FeeItemCollected(
                g.Key.Name(), g.Count(), g.Count(d => d.Collected >= d.Amount), g.Sum(d => d.Amount), g.Sum(d => d.Collected),
                Rate(g.Sum(d => d.Collected), g.Sum(d => d.Amount))))
            .ToArray();
        // A payment reversed by the period's end was taken in error: it was not received for the estate's units.
        var received = await db.Payments.AsNoTracking()
            .Where(p => p.EstateId == estateId && p.ReceivedAt >= start && p.ReceivedAt < end && !db.PaymentReversals.Any(v => v.PaymentId == p.Id && v.ReversedAt < end))
            .GroupBy(p => p.Method).Select(g => new { Method = g.Key, Count = g.Count(), Amount = g.Sum(p => p.Amount) }).ToListAsync(cancellationToken);
        var (amountDue, collected) = (due.Sum(d => d.Amount), due.Sum(d => d.Collected));
        return new CollectionSummaryResponse(
            estateId, period, from, to, currency, amountDue, collected, Rate(collected, amountDue), byFeeItem, received.Sum(r => r.Amount),
            [.. received.OrderBy(r => r.Method).Select(r => new MethodTotal(PaymentMethods.Name(r.Method), r.Count, r.Amount))], null, null, null);
    }
}
