using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.HrTraining.Features.Certifications;

/// <summary>
/// Announces expired certifications (<c>CertificationExpired</c>), so maintenance stops dispatching and security-gate
/// takes the person off the post. A certification expires at the estate-local midnight ending its last day; the check
/// runs every 15 minutes, so each estate's day is checked shortly after its own midnight. Each expiry is
/// announced once: the mark and the event are saved together, and a second run (or a second instance) at the same time
/// loses on the row version and skips it.
/// </summary>
public sealed class CertificationExpiry(IServiceScopeFactory scopes, TimeProvider time, ILogger<CertificationExpiry> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);

    protected override string Description => "Checking certification expiry";

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var announced = await AnnounceExpiredAsync(
            services.GetRequiredService<HrTrainingDbContext>(), services.GetRequiredService<IEstateCalendars>(), now, logger, cancellationToken);
        if (announced > 0)
        {
            logger.LogInformation("Announced {Count} expired certifications", announced);
        }
    }

    /// <summary>Announces every expiry due at <paramref name="now"/>; returns how many this run announced.</summary>
    public static async Task<int> AnnounceExpiredAsync(
        HrTrainingDbContext db, IEstateCalendars calendars, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        // Instants are stored in UTC whatever offset the caller's clock gave.
        now = now.ToUniversalTime();
        // No estate's local day is later than the UTC day after, so only a last day up to today (UTC) can have ended anywhere.
        var latestLastDay = DateOnly.FromDateTime(now.UtcDateTime);
        var candidates = await db.Certifications.AsNoTracking()
            .Where(c => c.RevokedAt == null && c.ValidUntil <= latestLastDay && (c.ExpiryAnnouncedFor == null || c.ExpiryAnnouncedFor != c.ValidUntil))
            .Select(c => new { c.Id, c.EstateId })
            .ToListAsync(cancellationToken);

        var announced = 0;
        foreach (var estate in candidates.GroupBy(c => c.EstateId))
        {
            var calendar = await calendars.GetAsync(estate.Key, cancellationToken);
            if (calendar is null)
            {
                logger.LogWarning("Estate {EstateId} has no calendar yet; its certification expiry waits for it", estate.Key);
                continue;
            }

            foreach (var id in estate.Select(c => c.Id))
            {
                db.ChangeTracker.Clear();
                var certification = await db.Certifications.SingleAsync(c => c.Id == id, cancellationToken);
                if (!certification.ExpiryIsDue(now, calendar))
                {
                    continue;
                }

                certification.MarkExpiryAnnounced();
                var duty = certification.Duty;
                db.AddIntegrationEvent(new CertificationExpired(
                    Guid.CreateVersion7(now), now, certification.EstateId, Guid.NewGuid(), certification.Id, certification.StaffId,
                    duty.TradeName, duty.PostName, certification.ValidUntil));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    announced++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another run announced it (or HR renewed or revoked it) meanwhile: its outcome stands.
                }
            }
        }

        db.ChangeTracker.Clear();
        return announced;
    }
}
