using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.ServiceDefaults.Photos;

/// <summary>
/// Removes photos no record claimed within <see cref="UploadedPhoto.UnclaimedLifetime"/> (an app closed half-way, a
/// form abandoned), with their bytes (the content row must cascade): at start, then every hour.
/// </summary>
public sealed class UnclaimedPhotoCleanup<TContext, TPhoto>(IServiceScopeFactory scopes, TimeProvider time, ILogger<UnclaimedPhotoCleanup<TContext, TPhoto>> logger)
    : PeriodicWork(scopes, time, logger)
    where TContext : DbContext
    where TPhoto : UploadedPhoto
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Description => "Removing unclaimed photo uploads";

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = await UnclaimedPhotos.RemoveExpiredAsync<TPhoto>(services.GetRequiredService<TContext>(), now, cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} unclaimed photo uploads older than {Lifetime}", removed, UploadedPhoto.UnclaimedLifetime);
        }
    }
}

/// <summary>The removal <see cref="UnclaimedPhotoCleanup{TContext, TPhoto}"/> runs, callable on its own.</summary>
public static class UnclaimedPhotos
{
    private const int BatchSize = 200;

    /// <summary>Deletes every upload unclaimed and older than a day at <paramref name="now"/> (audited, bytes cascade); returns how many.</summary>
    public static async Task<int> RemoveExpiredAsync<TPhoto>(DbContext db, DateTimeOffset now, CancellationToken cancellationToken)
        where TPhoto : UploadedPhoto
    {
        var cutoff = now - UploadedPhoto.UnclaimedLifetime;
        var removed = 0;
        while (true)
        {
            var expired = await db.Set<TPhoto>().IgnoreQueryFilters()
                .Where(p => p.ClaimedAt == null && p.UploadedAt < cutoff)
                .OrderBy(p => p.UploadedAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (expired.Count == 0)
            {
                return removed;
            }

            db.Set<TPhoto>().RemoveRange(expired);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            removed += expired.Count;
        }
    }
}
