using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Features.Deadlines;

/// <summary>The deadline a complaint's responsible person works against.</summary>
public sealed class ComplaintWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.Complaints.WithClockDueAsync(c => c.Resolution, now, limit, cancellationToken);
        return [.. due.Select(c => new WatchedDeadline(Subjects.Complaint, c.Id, c.EstateId, c.CorrelationId, Complaint.Deadline, c.Resolution!))];
    }
}

/// <summary>The 5-minute acknowledgement of an emergency by the supervisor on duty.</summary>
public sealed class EmergencyWatch : ISlaWatch<ReceptionDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(ReceptionDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.EmergencyAlerts.WithClockDueAsync(a => a.Acknowledged, now, limit, cancellationToken);
        return [.. due.Select(a => new WatchedDeadline(Subjects.Emergency, a.Id, a.EstateId, a.CorrelationId, EmergencyAlert.Acknowledgement, a.Acknowledged)
        {
            Holder = PlatformRoles.CustomerServiceSupervisor,
        })];
    }
}
