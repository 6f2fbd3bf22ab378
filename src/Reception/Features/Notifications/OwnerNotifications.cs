using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Features.Notifications;

/// <summary>
/// How reception's own features tell owners: like any other service, through <see cref="NotificationRequested"/> in the
/// outbox of the same transaction, one per owner, so everything goes through the one consumer that delivers.
/// </summary>
public static class OwnerNotifications
{
    /// <summary>Asks to tell every owner of <paramref name="unitIds"/> (or of the whole estate when null).</summary>
    public static async Task RequestForOwnersOfAsync(
        this ReceptionDbContext db, Guid estateId, IReadOnlyCollection<Guid>? unitIds, string templateKey, IReadOnlyDictionary<string, string> data,
        Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken, DateTimeOffset? notBefore = null)
    {
        var owners = db.Owners.AsNoTracking().Where(o => o.EstateId == estateId);
        if (unitIds is not null)
        {
            var units = unitIds.ToArray();
            owners = owners.Where(o => o.UnitIds.Any(u => units.Contains(u)));
        }

        foreach (var ownerId in await owners.Select(o => o.Id).ToListAsync(cancellationToken))
        {
            db.AddIntegrationEvent(new NotificationRequested(
                Guid.CreateVersion7(now), now, estateId, correlationId, NotificationIntake.OwnerRecipient, ownerId, templateKey, data, "normal", notBefore));
        }
    }
}
