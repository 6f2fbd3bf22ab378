using System.Linq.Expressions;
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

public static class SlaWatchQueries
{
    /// <summary>
    /// The records whose <paramref name="clock"/> has a step due at <paramref name="now"/>, soonest first, tracked: the
    /// query every watch runs (on the clock's indexed <see cref="SlaClock.NextCheckAt"/>).
    /// </summary>
    public static Task<List<TRecord>> WithClockDueAsync<TRecord>(
        this IQueryable<TRecord> records, Expression<Func<TRecord, SlaClock?>> clock, DateTimeOffset now, int limit,
        CancellationToken cancellationToken)
    {
        var nextCheckAt = Expression.Property(clock.Body, nameof(SlaClock.NextCheckAt));
        DateTimeOffset? at = now;
        // A captured variable, so the instant is a parameter of the SQL rather than a literal.
        Expression<Func<DateTimeOffset?>> atParameter = () => at;
        var isDue = Expression.Lambda<Func<TRecord, bool>>(Expression.LessThanOrEqual(nextCheckAt, atParameter.Body), clock.Parameters);
        var soonestFirst = Expression.Lambda<Func<TRecord, DateTimeOffset?>>(nextCheckAt, clock.Parameters);
        return records.Where(isDue).OrderBy(soonestFirst).Take(limit).ToListAsync(cancellationToken);
    }
}
