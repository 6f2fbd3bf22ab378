using PropertyPlatform.ServiceDefaults.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Appraisal;

/// <summary>
/// The weekly check of written assessments: once an estate's week (Monday to Sunday, estate-local) is over, every
/// front-desk clerk rostered that week with fewer than <see cref="WrittenAssessment.PerWeek"/> assessments is flagged,
/// and the estate's managers (staff files whose position is estate manager) are told through reception's staff
/// notifications, in the same save as the flag. The flag is unique per clerk, estate and week, so however many passes
/// or replicas run, each manager hears of each clerk's week once.
/// </summary>
public sealed class AssessmentShortfallCheck(IServiceScopeFactory scopes, TimeProvider time, ILogger<AssessmentShortfallCheck> logger)
    : PeriodicWork(scopes, time, logger)
{
    /// <summary>Reception's template key (its catalogue holds the wording).</summary>
    [NotificationTemplate]
    public const string Template = "assessment-shortfall";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(30);

    protected override string Description => "Checking last week's written assessments";

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flagged = await FlagLastWeekAsync(services.GetRequiredService<HrTrainingDbContext>(), now, cancellationToken);
        if (flagged > 0)
        {
            logger.LogInformation("Flagged {Count} clerks assessed less than twice last week", flagged);
        }
    }

    /// <summary>Flags (and notifies) the shortfalls of each known estate's last complete week; returns how many this pass flagged.</summary>
    public static async Task<int> FlagLastWeekAsync(HrTrainingDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var flagged = 0;
        var estates = await db.Set<KnownEstateCalendar>().AsNoTracking().Where(c => c.TimeZoneId != "").ToListAsync(cancellationToken);
        foreach (var estate in estates)
        {
            var today = estate.ToCalendar().LocalDay(now);
            var week = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
            flagged += await FlagWeekAsync(db, estate.EstateId, week, now, cancellationToken);
        }

        return flagged;
    }

    /// <summary>Flags the clerks of <paramref name="estateId"/> short of assessments in the week starting <paramref name="week"/> and not flagged yet.</summary>
    public static async Task<int> FlagWeekAsync(HrTrainingDbContext db, Guid estateId, DateOnly week, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shortfalls = (await AppraisalApi.AssessmentCountsAsync(db, estateId, week, week.AddDays(7), cancellationToken))
            .Where(c => c.Assessments < WrittenAssessment.PerWeek).ToList();
        if (shortfalls.Count == 0)
        {
            return 0;
        }

        var already = await db.AssessmentShortfallFlags.AsNoTracking().Where(f => f.EstateId == estateId && f.Week == week)
            .Select(f => f.StaffId).ToListAsync(cancellationToken);
        var managers = await StaffRecipients.HoldingAsync(db, estateId, [PlatformRoles.EstateManager], cancellationToken);

        var flagged = 0;
        foreach (var clerk in shortfalls.Where(c => !already.Contains(c.StaffId)))
        {
            var flag = AssessmentShortfallFlag.Flag(estateId, clerk.StaffId, week, clerk.Assessments, managers.Count, now);
            db.AssessmentShortfallFlags.Add(flag);
            foreach (var manager in managers)
            {
                db.AddIntegrationEvent(new NotificationRequested(
                    Guid.CreateVersion7(now), now, estateId, flag.Id, "staff", manager, Template,
                    new Dictionary<string, string>
                    {
                        ["clerkName"] = clerk.Name,
                        ["week"] = week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["assessments"] = clerk.Assessments.ToString(CultureInfo.InvariantCulture),
                        ["required"] = WrittenAssessment.PerWeek.ToString(CultureInfo.InvariantCulture),
                        ["staffId"] = clerk.StaffId.ToString(),
                    },
                    "normal"));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                flagged++;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another pass (or replica) flagged this clerk's week first, and its notification went with it.
            }

            db.ChangeTracker.Clear();
        }

        return flagged;
    }
}
