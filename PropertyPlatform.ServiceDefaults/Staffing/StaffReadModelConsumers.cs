using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Staffing;

/// <summary>
/// What a service does when its staff read model changes in a way that takes someone off work (a certification lapsed,
/// the employment ended). Registered by the service; the read model calls it in the consumer's transaction.
/// </summary>
public interface IStaffChangeReactions<in TDbContext> where TDbContext : DbContext
{
    /// <summary>The newest state of <paramref name="certification"/> is no longer valid (expired or revoked).</summary>
    Task CertificationLapsedAsync(TDbContext db, KnownCertification certification, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The staff member's employment ended (last day <paramref name="lastDay"/>).</summary>
    Task EmploymentEndedAsync(TDbContext db, Guid staffId, DateOnly lastDay, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class StaffHiredConsumer<TDbContext>(TDbContext db, TimeProvider time)
    : IdempotentConsumer<StaffHired, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override async Task HandleAsync(StaffHired m, CancellationToken cancellationToken)
    {
        var staff = await StaffReadModel.FindOrAddAsync(Db, m.StaffId, m.EstateId, cancellationToken);
        staff.ApplyProfile(m.OccurredAt, m.EstateId, m.DisplayName, m.Position, m.Trades, m.EstateIds);
        staff.ApplyHired(m.OccurredAt);
    }
}

public sealed class StaffChangedConsumer<TDbContext>(TDbContext db, TimeProvider time)
    : IdempotentConsumer<StaffChanged, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override async Task HandleAsync(StaffChanged m, CancellationToken cancellationToken)
    {
        var staff = await StaffReadModel.FindOrAddAsync(Db, m.StaffId, m.EstateId, cancellationToken);
        staff.ApplyProfile(m.OccurredAt, m.EstateId, m.DisplayName, m.Position, m.Trades, m.EstateIds);
    }
}

public sealed class EmploymentEndedConsumer<TDbContext>(TDbContext db, TimeProvider time, IServiceProvider services)
    : IdempotentConsumer<EmploymentEnded, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override async Task HandleAsync(EmploymentEnded m, CancellationToken cancellationToken)
    {
        var staff = await StaffReadModel.FindOrAddAsync(Db, m.StaffId, m.EstateId, cancellationToken);
        if (staff.ApplyEnded(m.OccurredAt, m.LastDay))
        {
            foreach (var reactions in services.GetServices<IStaffChangeReactions<TDbContext>>())
            {
                await reactions.EmploymentEndedAsync(Db, m.StaffId, m.LastDay, Time.GetUtcNow(), cancellationToken);
            }
        }
    }
}

public sealed class CertificationGrantedConsumer<TDbContext>(TDbContext db, TimeProvider time, IServiceProvider services)
    : IdempotentConsumer<CertificationGranted, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override Task HandleAsync(CertificationGranted m, CancellationToken cancellationToken) => StaffReadModel.ApplyCertificationAsync(
        Db, services, new(m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.Post), m.OccurredAt, CertificationState.Valid, m.ValidUntil, null, Time, cancellationToken);
}

public sealed class CertificationRenewedConsumer<TDbContext>(TDbContext db, TimeProvider time, IServiceProvider services)
    : IdempotentConsumer<CertificationRenewed, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override Task HandleAsync(CertificationRenewed m, CancellationToken cancellationToken) => StaffReadModel.ApplyCertificationAsync(
        Db, services, new(m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.Post), m.OccurredAt, CertificationState.Valid, m.ValidUntil, null, Time, cancellationToken);
}

public sealed class CertificationExpiredConsumer<TDbContext>(TDbContext db, TimeProvider time, IServiceProvider services)
    : IdempotentConsumer<CertificationExpired, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override Task HandleAsync(CertificationExpired m, CancellationToken cancellationToken) => StaffReadModel.ApplyCertificationAsync(
        Db, services, new(m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.Post), m.OccurredAt, CertificationState.Expired, m.ValidUntil, null, Time, cancellationToken);
}

public sealed class CertificationRevokedConsumer<TDbContext>(TDbContext db, TimeProvider time, IServiceProvider services)
    : IdempotentConsumer<CertificationRevoked, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override Task HandleAsync(CertificationRevoked m, CancellationToken cancellationToken) => StaffReadModel.ApplyCertificationAsync(
        Db, services, new(m.CertificationId, m.EstateId, m.StaffId, m.Trade, m.Post), m.OccurredAt, CertificationState.Revoked, m.ValidUntil, m.Reason, Time, cancellationToken);
}

/// <summary>A day's roster replaces the one held for that estate and day, unless that one is newer.</summary>
public sealed class DutyRosterPublishedConsumer<TDbContext>(TDbContext db, TimeProvider time)
    : IdempotentConsumer<DutyRosterPublished, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override async Task HandleAsync(DutyRosterPublished m, CancellationToken cancellationToken)
    {
        var rosters = Db.Set<KnownDutyRoster>();
        var roster = await rosters.SingleOrDefaultAsync(r => r.EstateId == m.EstateId && r.Day == m.Day, cancellationToken);
        if (roster is null)
        {
            roster = KnownDutyRoster.Unknown(m.EstateId, m.Day);
            rosters.Add(roster);
        }

        if (!roster.Apply(m.OccurredAt))
        {
            return;
        }

        var shifts = Db.Set<KnownDutyShift>();
        shifts.RemoveRange(await shifts.Where(s => s.EstateId == m.EstateId && s.Day == m.Day).ToListAsync(cancellationToken));
        shifts.AddRange(m.Assignments.Select(a => KnownDutyShift.On(m.EstateId, m.Day, a.StaffId, a.Shift, a.StartsAt, a.EndsAt, a.Trade, a.Post)));
    }
}

/// <summary>Which certification an event is about.</summary>
public sealed record CertificationKey(Guid CertificationId, Guid EstateId, Guid StaffId, string? Trade, string? Post);

public static class StaffReadModel
{
    /// <summary>The person's row; a placeholder when this is the first event about them (an end may overtake the hire).</summary>
    public static async Task<KnownStaffMember> FindOrAddAsync(DbContext db, Guid staffId, Guid estateId, CancellationToken cancellationToken)
    {
        var staff = db.Set<KnownStaffMember>();
        var member = await staff.SingleOrDefaultAsync(s => s.StaffId == staffId, cancellationToken);
        if (member is null)
        {
            member = KnownStaffMember.Unknown(staffId, estateId);
            staff.Add(member);
        }

        return member;
    }

    /// <summary>Applies one certification event newest-wins; when the newest state is not valid, the service's reactions run.</summary>
    public static async Task ApplyCertificationAsync<TDbContext>(
        TDbContext db, IServiceProvider services, CertificationKey key, DateTimeOffset occurredAt, CertificationState state, DateOnly validUntil,
        string? reason, TimeProvider time, CancellationToken cancellationToken)
        where TDbContext : DbContext
    {
        var certifications = db.Set<KnownCertification>();
        var certification = await certifications.SingleOrDefaultAsync(c => c.CertificationId == key.CertificationId, cancellationToken);
        if (certification is null)
        {
            certification = KnownCertification.Unknown(key.CertificationId, key.EstateId, key.StaffId, key.Trade, key.Post);
            certifications.Add(certification);
        }

        if (certification.Apply(occurredAt, state, validUntil, reason) && state != CertificationState.Valid)
        {
            foreach (var reactions in services.GetServices<IStaffChangeReactions<TDbContext>>())
            {
                await reactions.CertificationLapsedAsync(db, certification, time.GetUtcNow(), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The staff whose position is one of <paramref name="positions"/> (see <see cref="KnownStaffMember.Holds"/>), on the
    /// estate's roster at <paramref name="at"/> and still employed on the estate-local <paramref name="localDay"/>; the one
    /// who came on duty last first. Any shift of theirs counts, whatever its post or trade: the position says what they do.
    /// The estate scope is not applied: the estate is named, and someone working here may have another home estate.
    /// </summary>
    public static async Task<List<StaffOnDuty>> OnDutyHoldingAsync(
        DbContext db, Guid estateId, DateTimeOffset at, DateOnly localDay, IReadOnlyCollection<string> positions, CancellationToken cancellationToken)
    {
        var shifts = await db.Set<KnownDutyShift>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.EstateId == estateId && s.StartsAt <= at && s.EndsAt > at)
            .ToListAsync(cancellationToken);
        var ids = shifts.Select(s => s.StaffId).Distinct().ToList();
        var staff = (await db.Set<KnownStaffMember>().IgnoreQueryFilters().AsNoTracking()
                .Where(s => ids.Contains(s.StaffId)).ToListAsync(cancellationToken))
            .Where(s => s.EmployedOn(localDay) && positions.Any(s.Holds))
            .ToDictionary(s => s.StaffId);
        return
        [
            .. shifts.Where(s => staff.ContainsKey(s.StaffId))
                .OrderByDescending(s => s.StartsAt).ThenBy(s => s.StaffId)
                .Select(s => new StaffOnDuty(staff[s.StaffId], s)),
        ];
    }
}

/// <summary>A staff member and the roster shift that puts them on duty.</summary>
public sealed record StaffOnDuty(KnownStaffMember Staff, KnownDutyShift Shift);
