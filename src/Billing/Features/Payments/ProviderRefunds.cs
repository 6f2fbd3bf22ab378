using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Billing.Features.Payments;

/// <summary>
/// Sends online and direct-debit refunds to the provider that collected the payment. A refund is committed first (with
/// its event), then sent: at once after the request, and by this periodic pass for any the provider could not take then
/// (it was down, billing stopped in between). Each refund is sent under a row lock that other senders skip, and its id is
/// the provider's idempotency key, so a refund asked for twice is still paid back once.
/// </summary>
public sealed class ProviderRefunds(IServiceScopeFactory scopes, TimeProvider time, ILogger<ProviderRefunds> logger)
    : PeriodicWork(scopes, time, logger)
{
    private const int Batch = 100;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Description => "Sending refunds to the payment providers";

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken) =>
        SendDueAsync(services.GetRequiredService<BillingDbContext>(), services.GetServices<IPaymentProvider>(), now, logger, cancellationToken);

    /// <summary>One pass: asks the providers for every refund they have not accepted yet, oldest first; returns how many they accepted.</summary>
    public static async Task<int> SendDueAsync(
        BillingDbContext db, IEnumerable<IPaymentProvider> providers, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        var unsent = await db.Refunds.AsNoTracking().IgnoreQueryFilters()
            .Where(r => r.Provider != null && r.SentAt == null).OrderBy(r => r.RefundedAt).Select(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in unsent)
        {
            sent += await SendAsync(db, providers, id, now, logger, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    /// <summary>Asks the provider for the refund unless it was accepted already or another sender holds it; true once it is accepted.</summary>
    public static async Task<bool> SendAsync(
        BillingDbContext db, IEnumerable<IPaymentProvider> providers, Guid refundId, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var refund = await db.Refunds.FromSql($"SELECT * FROM refunds WHERE id = {refundId} AND sent_at IS NULL FOR UPDATE SKIP LOCKED")
                .IgnoreQueryFilters().SingleOrDefaultAsync(ct);
            if (refund?.Provider is null || refund.PaymentReference is null)
            {
                return false;
            }

            if (providers.FirstOrDefault(p => p.Name == refund.Provider) is not { } provider)
            {
                refund.SendFailed($"The payment provider '{refund.Provider}' is not configured.");
            }
            else
            {
                try
                {
                    refund.Sent(await provider.RefundAsync(new ProviderRefundRequest(refund.Id, refund.PaymentReference, refund.Amount, refund.Currency), ct), now);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Refund {RefundId} could not be sent to {Provider}; it is tried again", refund.Id, refund.Provider);
                    refund.SendFailed(ex.Message);
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return refund.SentAt is not null;
        }, cancellationToken);
    }
}
