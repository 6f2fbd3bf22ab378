using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining.Features.Certifications;

/// <summary>
/// Announces expired certifications (<c>CertificationExpired</c>), so maintenance stops dispatching and security-gate
/// takes the person off the post. A certification expires at the estate-local midnight ending its last day; the check
/// runs every 15 minutes, so each estate's day is checked shortly after its own midnight. Each expiry is
/// announced once: the mark and the event are saved together, and a second run (or a second instance) at the same time
/// loses on the row version and skips it. The same run warns of each certification entering its last
/// <see cref="Certification.WarningDays"/> estate-local days, once per last day: a training need (so the trainer plans
/// the renewal) and notices to the person and the estate's HR.
/// </summary>
public sealed class CertificationExpiry(IServiceScopeFactory scopes, TimeProvider time, ILogger<CertificationExpiry> logger)
    : PeriodicWork(scopes, time, logger)
{
    /// <summary>Reception's template key for the warning (its catalogue holds the wording).</summary>
    [NotificationTemplate]
    public const string WarningTemplate = "certification-expiring";

    /// <summary>Who raises the training need for a renewal: this check, not a person.</summary>
    public const string RaisedBy = "hr-training expiry check";

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

        var warned = await WarnExpiringAsync(
            services.GetRequiredService<HrTrainingDbContext>(), services.GetRequiredService<IEstateCalendars>(), now, logger, cancellationToken);
        if (warned > 0)
        {
            logger.LogInformation("Warned of {Count} certifications entering their last {Days} days", warned, Certification.WarningDays);
        }
    }

    /// <summary>Warns of every certification in its last <see cref="Certification.WarningDays"/> days at <paramref name="now"/> and not warned of yet; returns how many.</summary>
    public static async Task<int> WarnExpiringAsync(
        HrTrainingDbContext db, IEstateCalendars calendars, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        // No estate's local day is earlier than the UTC day before, nor later than the UTC day after.
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var latestLastDay = utcToday.AddDays(1 + Certification.WarningDays);
        var estates = await db.Certifications.AsNoTracking()
            .Where(c => c.RevokedAt == null && c.ValidUntil >= utcToday.AddDays(-1) && c.ValidUntil <= latestLastDay && (c.ExpiryWarnedFor == null || c.ExpiryWarnedFor != c.ValidUntil))
            .Select(c => c.EstateId).Distinct().ToListAsync(cancellationToken);
        var warned = 0;
        foreach (var estateId in estates)
        {
            var calendar = await calendars.GetAsync(estateId, cancellationToken);
            if (calendar is null)
            {
                logger.LogWarning("Estate {EstateId} has no calendar yet; its certification warnings wait for it", estateId);
                continue;
            }

            warned += await WarnExpiringAsync(db, estateId, calendar, now, cancellationToken);
        }

        return warned;
    }

    /// <summary>Warns of the certifications of <paramref name="estateId"/> in their last days at <paramref name="now"/> and not warned of yet.</summary>
    public static async Task<int> WarnExpiringAsync(
        HrTrainingDbContext db, Guid estateId, EstateCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.LocalDay(now);
        var lastDay = today.AddDays(Certification.WarningDays);
        var ids = await db.Certifications.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.EstateId == estateId && c.RevokedAt == null && c.ValidUntil >= today && c.ValidUntil <= lastDay
                && (c.ExpiryWarnedFor == null || c.ExpiryWarnedFor != c.ValidUntil))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        List<Guid> hr = ids.Count == 0 ? [] : await StaffRecipients.HoldingAsync(db, estateId, [PlatformRoles.Trainer], cancellationToken);
        var warned = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var certification = await db.Certifications.IgnoreQueryFilters().SingleAsync(c => c.Id == id, cancellationToken);
            if (!certification.ExpiryWarningIsDue(now, calendar))
            {
                continue;
            }

            var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == certification.StaffId, cancellationToken);
            if (!staff.IsActive)
            {
                // Nobody renews a leaver's certification; mark it so the check does not come back to it.
                certification.MarkExpiryWarned();
                await SaveOnceAsync(db, cancellationToken);
                continue;
            }

            certification.MarkExpiryWarned();
            var until = certification.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            db.TrainingNeeds.Add(TrainingNeed.Raise(estateId, staff.Id, certification.Duty, TrainingNeedReason.CertificationExpiring,
                $"The certification for {certification.Duty} ends on {until}: plan the renewal.", RaisedBy, now));
            var correlationId = Guid.NewGuid();
            foreach (var recipient in hr.Where(r => r != staff.Id).Prepend(staff.Id))
            {
                db.AddIntegrationEvent(new NotificationRequested(
                    Guid.CreateVersion7(now), now, estateId, correlationId, "staff", recipient, WarningTemplate,
                    new Dictionary<string, string>
                    {
                        ["staffName"] = staff.DisplayName,
                        ["duty"] = certification.Duty.Name,
                        ["validUntil"] = until,
                        ["daysLeft"] = (certification.ValidUntil.DayNumber - today.DayNumber).ToString(CultureInfo.InvariantCulture),
                        ["staffId"] = staff.Id.ToString(),
                        ["certificationId"] = certification.Id.ToString(),
                    },
                    "normal"));
            }

            if (await SaveOnceAsync(db, cancellationToken))
            {
                warned++;
            }
        }

        db.ChangeTracker.Clear();
        return warned;
    }

    /// <summary>Saves the mark with what goes with it; false when another run (or HR renewing or revoking) changed the certification meanwhile.</summary>
    private static async Task<bool> SaveOnceAsync(HrTrainingDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
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
