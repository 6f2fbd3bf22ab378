using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.SecurityGate.Features.Posts;

/// <summary>Who may hold a post (培训合格后方可上岗), and taking guards off posts when hr-training says they no longer may.</summary>
public sealed class PostStaffing(IEstateCalendars calendars) : IStaffChangeReactions<SecurityGateDbContext>
{
    /// <summary>Why <paramref name="guardId"/> may not hold <paramref name="post"/> today, or null when they may; their name too.</summary>
    internal static async Task<(string? Refusal, string Name)> CheckAsync(
        SecurityGateDbContext db, IEstateCalendars calendars, GuardPost post, Guid guardId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var today = await LocalDayAsync(calendars, post.EstateId, at, cancellationToken);
        var staff = await db.Set<KnownStaffMember>().AsNoTracking().SingleOrDefaultAsync(s => s.StaffId == guardId, cancellationToken);
        if (staff is not null && !staff.EmployedOn(today))
        {
            return ($"The guard's employment ended on {staff.LastDay:yyyy-MM-dd}.", staff.DisplayName);
        }

        var certifications = await db.Set<KnownCertification>().AsNoTracking()
            .Where(c => c.StaffId == guardId && c.Post == post.Certification).ToListAsync(cancellationToken);
        var name = staff?.DisplayName is { Length: > 0 } known ? known : guardId.ToString();
        return certifications.Any(c => c.ValidOn(today))
            ? (null, name)
            : ($"The guard holds no valid '{post.Certification}' certification.", name);
    }

    public async Task CertificationLapsedAsync(SecurityGateDbContext db, KnownCertification certification, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (certification.Post is not { } postName)
        {
            return;
        }

        // Another certification for the same post (a renewal issued under a new id) still counts.
        var otherValid = await db.Set<KnownCertification>().AsNoTracking()
            .Where(c => c.StaffId == certification.StaffId && c.Post == postName && c.CertificationId != certification.CertificationId
                && c.State == CertificationState.Valid)
            .Select(c => c.ValidUntil).ToListAsync(cancellationToken);
        var posts = await db.Posts.Where(p => p.GuardId == certification.StaffId && p.Certification == postName).ToListAsync(cancellationToken);
        foreach (var post in posts)
        {
            var today = await LocalDayAsync(calendars, post.EstateId, now, cancellationToken);
            if (!otherValid.Any(until => today <= until))
            {
                post.TakeGuardOff($"The guard's '{postName}' certification was {certification.State.ToString().ToLowerInvariant()}.", now);
            }
        }
    }

    public async Task EmploymentEndedAsync(SecurityGateDbContext db, Guid staffId, DateOnly lastDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var post in await db.Posts.Where(p => p.GuardId == staffId).ToListAsync(cancellationToken))
        {
            post.TakeGuardOff($"The guard's employment ended (last day {lastDay:yyyy-MM-dd}).", now);
        }
    }

    internal static async Task<DateOnly> LocalDayAsync(IEstateCalendars calendars, Guid estateId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await calendars.GetAsync(estateId, cancellationToken) is { } calendar ? calendar.LocalDay(at) : DateOnly.FromDateTime(at.UtcDateTime);
}
