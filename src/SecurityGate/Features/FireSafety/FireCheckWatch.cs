using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.SecurityGate.Features.FireSafety;

/// <summary>Fire-equipment and fire-lane checks not done by their time: misses, flagged to the security supervisor.</summary>
public sealed class FireCheckWatch : ISlaWatch<SecurityGateDbContext>
{
    public const string Subject = "fire-check";

    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(SecurityGateDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.FireChecks.WithClockDueAsync(c => c.Done, now, limit, cancellationToken);
        return [.. due.Select(c => new WatchedDeadline(Subject, c.Id, c.EstateId, c.RoutineId, FireSafetyDeadlines.Named(c.Done.Policy), c.Done)
        {
            Holder = PlatformRoles.GateGuard,
        })];
    }
}
