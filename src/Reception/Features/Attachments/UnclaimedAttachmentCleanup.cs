using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Features.Attachments;

/// <summary>
/// Removes photos nobody attached to a request within <see cref="Attachment.UnclaimedLifetime"/> (an app closed
/// half-way, a form abandoned), with their bytes: at start, then every <see cref="Interval"/>.
/// </summary>
public sealed class UnclaimedAttachmentCleanup(IServiceScopeFactory scopes, TimeProvider time, ILogger<UnclaimedAttachmentCleanup> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await RemoveExpiredAsync(scope.ServiceProvider.GetRequiredService<ReceptionDbContext>(), time.GetUtcNow(), stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} unclaimed photo uploads older than {Lifetime}", removed, Attachment.UnclaimedLifetime);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next round tries again; a photo claimed meanwhile is no longer expired.
                logger.LogWarning(ex, "Removing unclaimed photo uploads failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every upload unclaimed and older than a day at <paramref name="now"/> (audited, bytes cascade); returns how many.</summary>
    public static async Task<int> RemoveExpiredAsync(ReceptionDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - Attachment.UnclaimedLifetime;
        var removed = 0;
        while (true)
        {
            var expired = await db.Attachments.IgnoreQueryFilters()
                .Where(a => a.RequestId == null && a.UploadedAt < cutoff)
                .OrderBy(a => a.UploadedAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return removed;
            }

            db.Attachments.RemoveRange(expired);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            removed += expired.Count;
        }
    }
}
