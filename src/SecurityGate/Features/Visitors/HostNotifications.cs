using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.SecurityGate.Features.Visitors;

/// <summary>Tells the host (the owners of the unit visited) that their visitor has arrived, through reception's notifications.</summary>
public static class HostNotifications
{
    /// <summary>Reception's template key (its catalogue holds the wording).</summary>
    [NotificationTemplate]
    public const string VisitorArrived = "visitor-arrived";

    /// <summary>Queues a <see cref="NotificationRequested"/> per owner of the unit (in the same transaction as the visit); returns how many.</summary>
    internal static async Task<int> NotifyArrivalAsync(SecurityGateDbContext db, Visit visit, Guid? onlyOwner, Guid correlationId, CancellationToken cancellationToken)
    {
        if (visit.UnitId is not { } unitId)
        {
            return 0;
        }

        var owners = await db.UnitOwners.AsNoTracking()
            .Where(o => o.UnitId == unitId && o.EstateId == visit.EstateId && (onlyOwner == null || o.OwnerId == onlyOwner))
            .Select(o => o.OwnerId).ToListAsync(cancellationToken);
        if (owners.Count == 0 && onlyOwner is { } issuer)
        {
            // The pass's issuer is the host even before reception's roster reached the gate.
            owners.Add(issuer);
        }

        var localArrival = await LocalTimeAsync(db, visit.EstateId, visit.ArrivedAt, cancellationToken);
        foreach (var ownerId in owners)
        {
            db.AddIntegrationEvent(new NotificationRequested(
                Guid.CreateVersion7(visit.ArrivedAt), visit.ArrivedAt, visit.EstateId, correlationId, "owner", ownerId, VisitorArrived,
                new Dictionary<string, string>
                {
                    ["visitorName"] = visit.VisitorName,
                    ["purpose"] = visit.Purpose ?? "",
                    ["arrivedAt"] = localArrival,
                    ["visitId"] = visit.Id.ToString(),
                },
                "normal"));
        }

        return owners.Count;
    }

    /// <summary>The arrival as the host reads it: the estate's wall-clock time (UTC, said so, while its calendar is unknown here).</summary>
    private static async Task<string> LocalTimeAsync(SecurityGateDbContext db, Guid estateId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var zone = await db.EstateCalendars.AsNoTracking().Where(c => c.EstateId == estateId).Select(c => c.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        return zone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var timeZone)
            ? TimeZoneInfo.ConvertTime(at, timeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
