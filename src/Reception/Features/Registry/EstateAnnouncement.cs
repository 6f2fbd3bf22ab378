using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Features.Registry;

/// <summary>
/// Announces (<see cref="Contracts.Reception.EstateRegistered"/>) the estates the other services have never been told
/// of: those registered before estates were announced, and the demo seed's. Runs before serving, after migrations and
/// the seed; the event is queued with the mark in one transaction, so each estate is announced once.
/// </summary>
public sealed class EstateAnnouncement(IServiceScopeFactory scopes, TimeProvider time, ILogger<EstateAnnouncement> logger) : BeforeServingTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        var unannounced = await db.Estates.Where(e => e.AnnouncedAt == null).ToListAsync(cancellationToken);
        if (unannounced.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var estate in unannounced)
        {
            estate.MarkAnnounced(now);
            // Each its own correlation: they answer no request.
            db.AddIntegrationEvent(RegistryRules.Registered(estate, now, Guid.CreateVersion7(now)));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Announced {Count} estates registered before estate announcements", unannounced.Count);
    }
}
