using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.CashierDays;

/// <summary>The day's cash deposited by 17:00: the cashier is warned an hour before, the estate manager hears of a breach.</summary>
public sealed class CashDepositWatch : ISlaWatch<BillingDbContext>
{
    public const string Subject = "cashier-day";

    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(BillingDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.CashierDays.WithClockDueAsync(d => d.Deposit, now, limit, cancellationToken);
        return [.. due.Select(d => new WatchedDeadline(Subject, d.Id, d.EstateId, d.Id, CashierDeadlines.DepositBy1700, d.Deposit)
        {
            Holder = PlatformRoles.Cashier,
        })];
    }
}
