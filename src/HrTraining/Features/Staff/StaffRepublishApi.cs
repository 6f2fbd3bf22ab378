using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Staff;

/// <summary>What one republish put on the outbox.</summary>
public sealed record StaffRepublishResponse(int Staff, int EmploymentsEnded, int Certifications, int Rosters, DateTimeOffset AsOf);

/// <summary>
/// Announces hr-training's whole current state again, for a service whose staff read model starts empty or missed
/// events (a service deployed after the staff were hired, a read model rebuilt): every employment file (the active ones
/// as <c>StaffHired</c>, the ended ones as <c>StaffChanged</c> and <c>EmploymentEnded</c>), every certification in its
/// present state, and every published roster from yesterday on (the shifts published and still on it).
/// Each event carries the time of the change it restates, not the time of the republish: the read models keep the
/// newest state by occurred-at, so a service that already knew a change ignores its restatement (no reaction runs a
/// second time, a newer change is never overwritten), and a service that missed it takes it. Group admins only: it is
/// an operation, not a business change. All events go in one transaction, so a failure puts none of them out.
/// </summary>
public static class StaffRepublishApi
{
    public static RouteGroupBuilder MapStaffRepublishApi(this RouteGroupBuilder api)
    {
        // RequireRoles always admits group admins; naming no other role admits only them.
        api.MapPost("/staff/republish", Republish).WithTags("Staff roster").RequireRoles();
        return api;
    }

    public static async Task<Ok<StaffRepublishResponse>> Republish(
        HrTrainingDbContext db, CorrelationContext correlation, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var response = await strategy.ExecuteAsync(async ct =>
        {
            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var events = new List<OutboxMessage>();
            var snapshot = new Snapshot(correlation.CorrelationId, events);

            var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
            foreach (var member in staff)
            {
                snapshot.Add(member);
            }

            var certifications = await db.Certifications.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
            foreach (var certification in certifications)
            {
                snapshot.Add(certification);
            }

            // Yesterday in UTC is at or before today in every estate's time zone: no roster that is or will be worked is left out.
            var fromDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
            var rosters = await db.Rosters.IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.PublishedAt != null && r.Day >= fromDay).OrderBy(r => r.Day).ThenBy(r => r.EstateId).ToListAsync(ct);
            var rosterIds = rosters.Select(r => r.Id).ToList();
            var shifts = (await db.Shifts.IgnoreQueryFilters().AsNoTracking()
                    .Where(s => rosterIds.Contains(s.RosterId) && s.PublishedAt != null).OrderBy(s => s.StartsAt).ToListAsync(ct))
                .ToLookup(s => s.RosterId);
            foreach (var roster in rosters)
            {
                snapshot.Add(roster, shifts[roster.Id]);
            }

            await db.CopyOutboxMessagesAsync(events, ct);
            await transaction.CommitAsync(ct);
            return new StaffRepublishResponse(staff.Count, staff.Count(s => !s.IsActive), certifications.Count, rosters.Count, now);
        }, cancellationToken);

        loggers.CreateLogger(typeof(StaffRepublishApi)).LogInformation(
            "Republished {Staff} employment files ({Ended} ended), {Certifications} certifications and {Rosters} rosters as of {AsOf}",
            response.Staff, response.EmploymentsEnded, response.Certifications, response.Rosters, response.AsOf);
        return TypedResults.Ok(response);
    }

    /// <summary>Turns each record into the event that carries its present state, at the time it took that state.</summary>
    private sealed class Snapshot(Guid correlationId, List<OutboxMessage> events)
    {
        /// <summary>
        /// The expiry check's own time is not kept, only that it announced the expiry: a second after the last grant or
        /// renewal is newer than those (so a service that missed the expiry takes it) and no later than the announcement,
        /// which comes at the earliest at the midnight ending the last day.
        /// </summary>
        private static readonly TimeSpan ExpiryAfterLastChange = TimeSpan.FromSeconds(1);

        public void Add(StaffMember s)
        {
            if (s.IsActive)
            {
                Publish(new StaffHired(NewId(s.UpdatedAt), s.UpdatedAt, s.EstateId, correlationId, s.Id, s.DisplayName, s.Position, s.Trades, s.EstateIds, s.StartsOn));
                return;
            }

            // An ended file is closed to changes: its last change is the end, and its profile is the one it ended with.
            Publish(new StaffChanged(NewId(s.UpdatedAt), s.UpdatedAt, s.EstateId, correlationId, s.Id, s.DisplayName, s.Position, s.Trades, s.EstateIds));
            Publish(new EmploymentEnded(NewId(s.UpdatedAt), s.UpdatedAt, s.EstateId, correlationId, s.Id, s.LastDay!.Value, s.EndReason ?? ""));
        }

        public void Add(Certification c)
        {
            var (trade, post) = (c.Duty.TradeName, c.Duty.PostName);
            var lastGrant = c.RenewedAt ?? c.GrantedAt;
            if (c.RevokedAt is { } revokedAt)
            {
                Publish(new CertificationRevoked(NewId(revokedAt), revokedAt, c.EstateId, correlationId, c.Id, c.StaffId, trade, post, c.ValidUntil, c.RevocationReason ?? ""));
            }
            else if (c.ExpiryAnnouncedFor == c.ValidUntil)
            {
                var expiredAt = lastGrant + ExpiryAfterLastChange;
                Publish(new CertificationExpired(NewId(expiredAt), expiredAt, c.EstateId, correlationId, c.Id, c.StaffId, trade, post, c.ValidUntil));
            }
            else
            {
                // A renewal restated as the grant of its new period: the read models take both alike, and the period it
                // replaced is not kept.
                Publish(new CertificationGranted(NewId(lastGrant), lastGrant, c.EstateId, correlationId, c.Id, c.StaffId, trade, post, c.ValidUntil));
            }
        }

        public void Add(DutyRoster roster, IEnumerable<DutyShift> shifts) =>
            Publish(new DutyRosterPublished(NewId(roster.PublishedAt!.Value), roster.PublishedAt.Value, roster.EstateId, correlationId, roster.Day,
                [.. shifts.Select(s => new DutyAssignment(s.StaffId, s.Shift, s.StartsAt, s.EndsAt, s.Duty.PostName, s.Duty.TradeName))]));

        private static Guid NewId(DateTimeOffset at) => Guid.CreateVersion7(at);

        private void Publish<TEvent>(TEvent integrationEvent)
            where TEvent : class, IIntegrationEvent =>
            events.Add(OutboxDbContextExtensions.ToOutboxMessage(integrationEvent));
    }
}
