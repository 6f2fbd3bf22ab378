using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Billing.Features.Payments;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>A unit the run billed that had unused credit when the run began, with its new bill and open item.</summary>
internal sealed record CreditedBill(BillableUnit Unit, Bill Bill, Guid ReceivableId);

/// <summary>
/// A posting run applies the unused credit (overpayments) of the units it bills, as the counter's apply-credit would:
/// the oldest payment's credit first, to the unit's oldest open items first (the new bill among them), as new
/// allocations made at posting, in the run's one transaction. The units with credit are found with one query for the
/// whole estate and settled with a few set-wise statements, so a run of 100,000 units pays only for those that have credit.
/// Their owners' bill notification says what the credit settled and what is left to pay.
/// </summary>
internal static class CreditAtPosting
{
    /// <summary>The estate's units with unused credit now (one query); their bills' notifications wait for <see cref="ApplyAsync"/>.</summary>
    public static async Task<HashSet<Guid>> UnitsWithCreditAsync(BillingDbContext db, Guid estateId, CancellationToken cancellationToken) =>
        [.. (await OpenItemsAsOf.CreditsAsync(db, estateId, null, DateTimeOffset.MaxValue, cancellationToken)).Keys];

    /// <summary>Applies the credit of <paramref name="billed"/> inside the run's transaction and announces their bills to the owners.</summary>
    public static async Task ApplyAsync(
        BillingDbContext db, BillingRun run, IReadOnlyList<CreditedBill> billed, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (billed.Count == 0)
        {
            return;
        }

        var unitIds = billed.Select(b => b.Unit.UnitId).Order().ToArray();
        // As a payment or apply-credit does: the units' accounts are settled by one writer at a time.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM billable_units WHERE unit_id = ANY({unitIds}) ORDER BY unit_id FOR UPDATE", cancellationToken);
        var credits = await db.Payments.AsNoTracking().Where(p => unitIds.Contains(p.UnitId) && !db.PaymentReversals.Any(v => v.PaymentId == p.Id))
            .Select(p => new
            {
                p.Id,
                p.UnitId,
                p.ReceivedAt,
                Left = p.Amount - (db.Allocations.Where(a => a.PaymentId == p.Id).Sum(a => (decimal?)a.Amount) ?? 0m)
                    - (db.Refunds.Where(f => f.PaymentId == p.Id).Sum(f => (decimal?)f.Amount) ?? 0m),
            })
            .Where(p => p.Left > 0m).OrderBy(p => p.ReceivedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var open = (await db.Receivables.AsNoTracking().Where(r => unitIds.Contains(r.UnitId))
                .Select(r => new
                {
                    r.Id,
                    r.UnitId,
                    r.DueOn,
                    r.BookedAt,
                    Outstanding = r.Amount
                        - (db.Allocations.Where(a => a.ReceivableId == r.Id && !db.PaymentReversals.Any(v => v.PaymentId == a.PaymentId)).Sum(a => (decimal?)a.Amount) ?? 0m)
                        - (db.Adjustments.Where(j => j.ReceivableId == r.Id).Sum(j => (decimal?)j.Amount) ?? 0m),
                })
                .Where(r => r.Outstanding > 0m).ToListAsync(cancellationToken))
            .GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => (Items: g.Select(r => new OpenItem(r.Id, r.DueOn, r.BookedAt, r.Outstanding)).ToList(), DueOn: g.ToDictionary(r => r.Id, r => r.DueOn)));
        var settled = new Dictionary<Guid, decimal>();
        var settledOverdue = new HashSet<Guid>();
        foreach (var payment in credits)
        {
            if (!open.TryGetValue(payment.UnitId, out var unit))
            {
                continue;
            }

            var (allocations, _) = PaymentAllocation.Allocate(payment.Left, unit.Items, []);
            foreach (var (receivableId, amount) in allocations)
            {
                db.Allocations.Add(new Allocation
                {
                    Id = Guid.CreateVersion7(now), EstateId = run.EstateId, PaymentId = payment.Id, ReceivableId = receivableId, Amount = amount, AllocatedAt = now,
                });
                settled[receivableId] = settled.GetValueOrDefault(receivableId) + amount;
                var index = unit.Items.FindIndex(o => o.ReceivableId == receivableId);
                unit.Items[index] = unit.Items[index] with { Outstanding = unit.Items[index].Outstanding - amount };
                if (unit.DueOn[receivableId] < today)
                {
                    settledOverdue.Add(payment.UnitId);
                }
            }
        }

        foreach (var bill in billed.Where(b => b.Unit.OwnerId is not null))
        {
            db.AddIntegrationEvent(BillingRunWorker.BillIssuedNotice(run, bill.Unit, bill.Bill, settled.GetValueOrDefault(bill.ReceivableId), now));
        }

        await db.SaveChangesAsync(cancellationToken);
        // Credit that settled overdue items may end the unit's arrears (saved with the run).
        foreach (var unitId in settledOverdue)
        {
            await PaymentsApi.CloseArrearsIfNothingOverdueAsync(db, unitId, today, now, cancellationToken);
        }
    }
}
