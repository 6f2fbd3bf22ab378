using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.SecurityGate.Features.Patrols;

/// <summary>Checkpoints not scanned by their deadline: missed or late, flagged to the security supervisor.</summary>
public sealed class CheckpointWatch : ISlaWatch<SecurityGateDbContext>
{
    public const string Subject = "patrol-checkpoint";

    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(SecurityGateDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.CheckpointVisits.WithClockDueAsync(v => v.Due, now, limit, cancellationToken);
        // A late scan whose breach is on record is done: it closes here (saved with the pass) and escalates no further.
        return [.. due.Where(v => !v.CloseAfterLateScan()).Select(v => new WatchedDeadline(Subject, v.Id, v.EstateId, v.RouteId, PatrolDeadlines.Checkpoint, v.Due)
        {
            Holder = PlatformRoles.GateGuard,
        })];
    }
}
