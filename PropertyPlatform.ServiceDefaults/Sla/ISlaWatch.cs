using Microsoft.EntityFrameworkCore;

namespace PropertyPlatform.ServiceDefaults.Sla;

/// <summary>One deadline of one tracked record, as a watch hands it to the monitor.</summary>
public sealed record WatchedDeadline(string Subject, Guid SubjectId, Guid EstateId, Guid CorrelationId, SlaPolicy Policy, SlaClock Clock)
{
    /// <summary>Who is warned before the deadline: the role holding the task.</summary>
    public string Holder { get; init; } = Security.PlatformRoles.FrontDeskClerk;
}

/// <summary>
/// One kind of deadline a service keeps (the 5-minute routing of requests, complaint deadlines...). The monitor asks
/// each watch for the clocks due a check (<see cref="SlaClock.NextCheckAt"/> passed), tracked by the context, so
/// evaluating them and saving records what changed.
/// </summary>
public interface ISlaWatch<in TDbContext> where TDbContext : DbContext
{
    Task<IReadOnlyList<WatchedDeadline>> DueAsync(TDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
