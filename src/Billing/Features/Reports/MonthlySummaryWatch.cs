using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.Reports;

/// <summary>The monthly collection summary by the 26th: the estate manager is warned two days before and answers for a breach.</summary>
public sealed class MonthlySummaryWatch : ISlaWatch<BillingDbContext>
{
    public const string Subject = "monthly-collection-summary";

    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(BillingDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.MonthlySummaries.WithClockDueAsync(s => s.Due, now, limit, cancellationToken);
        return [.. due.Select(s => new WatchedDeadline(Subject, s.Id, s.EstateId, s.Id, CollectionDeadlines.MonthlyBy26th, s.Due)
        {
            Holder = PlatformRoles.EstateManager,
        })];
    }
}
