using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Sla;

public sealed class SlaMonitorOptions
{
    /// <summary>How often the service's open deadlines are checked; a breach is recorded within this of happening.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many due deadlines each watch hands over per pass.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How long a pass may leave its transaction idle before PostgreSQL ends it. A pass only waits on the database between
    /// its statements, for milliseconds; one whose process froze, was paused or lost its network would otherwise hold the
    /// monitor's lock, and stop every replica's deadline checks, for as long as its connection stays open.
    /// </summary>
    public TimeSpan StalledPassTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>What one pass did: deadlines checked, and whether some watch had more due than one batch.</summary>
public readonly record struct SlaPass(int Checked, bool MoreDue);

/// <summary>
/// Checks every deadline of one service (all its <see cref="ISlaWatch{TDbContext}"/>s) whose next step is due:
/// records warnings, breaches and escalations as <see cref="SlaEvent"/> rows and publishes breaches and escalations
/// (<see cref="SlaBreached"/>, <see cref="SlaEscalated"/>) through the outbox, in the same transaction as the clocks'
/// new state — so a step is recorded and announced exactly once, even with several replicas running. A clock that
/// cannot be evaluated is parked (<see cref="SlaClock.ParkedAt"/>), logged and counted; a record changed by someone
/// else during a pass is read again and checked again on its own, the rest of the pass is kept; a pass that many records
/// changed under starts again from a fresh read, a few times, before it leaves them to the next.
/// </summary>
public sealed class SlaMonitor<TDbContext>(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<SlaMonitorOptions> options,
    SlaServiceName service,
    ILogger<SlaMonitor<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext, IOutboxDbContext
{
    // One monitor per database at a time; advisory locks are per database.
    private static readonly long LockKey = 0x5050_534C_414D_4F4E; // "PPSLAMON"

    // A save learns of one conflicting record at a time. Two rounds of reading those again and checking them again are
    // kept; a third conflict means many records changed under the pass (a recount touching every row, say), and one fresh
    // read of them all beats finding them one round at a time while holding the monitor's lock.
    private const int MaxConflictRounds = 3;

    // Fresh passes tried before this one gives up and leaves the deadlines to the next: records edited again and again
    // wait for a quieter moment rather than holding the lock.
    private const int MaxPassAttempts = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                while ((await CheckPassAsync(stoppingToken)).MoreDue)
                {
                    // Some watch returned a full batch: there may be more due right now.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Checking the deadlines of {DbContext} failed", typeof(TDbContext).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One pass over every watch now, waiting for a pass another replica (or the timer) is running to finish rather than
    /// skipping: what was due when it is called has been checked when it returns. Returns how many deadlines it checked.
    /// </summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken) => (await CheckPassAsync(cancellationToken, waitForOtherPass: true)).Checked;

    /// <summary>
    /// One pass over every watch at the current time. The timer's passes skip while another replica's pass runs
    /// (<paramref name="waitForOtherPass"/> false): that pass covers the same deadlines.
    /// </summary>
    public async Task<SlaPass> CheckPassAsync(CancellationToken cancellationToken, bool waitForOtherPass = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunPassAsync(waitForOtherPass, cancellationToken);
            }
            catch (PassOvertakenException ex) when (attempt < MaxPassAttempts)
            {
                logger.LogInformation(ex.InnerException, "Deadlines of {DbContext} kept changing during the check; checking them again from a fresh read",
                    typeof(TDbContext).Name);
            }
            catch (PassOvertakenException ex)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException!);
            }
        }
    }

    private async Task<SlaPass> RunPassAsync(bool waitForOtherPass, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var watches = scope.ServiceProvider.GetServices<ISlaWatch<TDbContext>>().ToArray();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var stalledAfter = ((long)options.Value.StalledPassTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            if (waitForOtherPass)
            {
                await db.Database.ExecuteSqlAsync(
                    $"SELECT set_config('idle_in_transaction_session_timeout', {stalledAfter}, true), pg_advisory_xact_lock({LockKey})", ct);
            }
            else if (!await db.Database.SqlQuery<bool>($"""
                    SELECT pg_try_advisory_xact_lock({LockKey}) AS "Value" FROM set_config('idle_in_transaction_session_timeout', {stalledAfter}, true)
                    """).SingleAsync(ct))
            {
                return new SlaPass(0, MoreDue: false);
            }

            var now = time.GetUtcNow();
            var checks = new List<DeadlineCheck>();
            var moreDue = false;
            foreach (var watch in watches)
            {
                var due = await watch.DueAsync(db, now, options.Value.BatchSize, ct);
                moreDue |= due.Count >= options.Value.BatchSize;
                checks.AddRange(due.Select(deadline => Check(db, deadline, now)));
            }

            await SaveKeepingWhatDidNotConflictAsync(db, checks, now, ct);
            await transaction.CommitAsync(ct);
            return new SlaPass(checks.Count(c => !c.Parked), moreDue);
        }, cancellationToken);
    }

    /// <summary>Evaluates one deadline and records its steps; parks its clock if it cannot be evaluated.</summary>
    private DeadlineCheck Check(TDbContext db, WatchedDeadline deadline, DateTimeOffset now)
    {
        IReadOnlyList<SlaTransition> transitions;
        try
        {
            transitions = deadline.Clock.Evaluate(deadline.Policy, now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left due, it would head every batch forever and starve the deadlines behind it.
            deadline.Clock.Park(now);
            SlaTelemetry.CountParked(deadline.Policy.Name);
            logger.LogError(ex, "The {Policy} clock of {Subject} {SubjectId} cannot be evaluated and is parked until repaired",
                deadline.Policy.Name, deadline.Subject, deadline.SubjectId);
            return new DeadlineCheck(deadline, [], Parked: true);
        }

        return new DeadlineCheck(deadline, [.. transitions.SelectMany(t => Record(db, deadline, t, now, service.Name))], Parked: false);
    }

    /// <summary>
    /// Saves the pass. A row-version conflict concerns only the records someone else changed meanwhile: what was
    /// recorded for them is dropped, they are read again and checked again, and the save is retried with the rest intact.
    /// A conflict in the last of <see cref="MaxConflictRounds"/> rounds gives the pass up (<see cref="PassOvertakenException"/>).
    /// </summary>
    private async Task SaveKeepingWhatDidNotConflictAsync(TDbContext db, List<DeadlineCheck> checks, DateTimeOffset now, CancellationToken ct)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException ex)
            {
                var conflicting = checks.Where(c => ex.Entries.Any(e => Holds(e, c.Deadline.Clock))).ToList();
                if (conflicting.Count == 0)
                {
                    throw;
                }

                if (round == MaxConflictRounds)
                {
                    // The pass's transaction is rolled back as the exception leaves it; what it recorded goes with it.
                    throw new PassOvertakenException(ex);
                }

                logger.LogInformation("{Count} deadlines changed during the check of {DbContext}; checking them again",
                    conflicting.Count, typeof(TDbContext).Name);
                foreach (var check in conflicting)
                {
                    checks.Remove(check);
                    foreach (var recorded in check.Recorded)
                    {
                        db.Entry(recorded).State = EntityState.Detached;
                    }
                }

                foreach (var entry in ex.Entries)
                {
                    await entry.ReloadAsync(ct);
                }

                foreach (var check in conflicting)
                {
                    await db.Entry(check.Deadline.Clock).ReloadAsync(ct);
                    checks.Add(Check(db, check.Deadline, now));
                }
            }
        }
    }

    /// <summary>Whether <paramref name="entry"/> is <paramref name="clock"/> or the record that owns it.</summary>
    private static bool Holds(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, SlaClock clock) =>
        ReferenceEquals(entry.Entity, clock) || entry.References.Any(r => ReferenceEquals(r.CurrentValue, clock));

    /// <summary>A pass whose records kept changing under it: it is rolled back and run again from a fresh read.</summary>
    private sealed class PassOvertakenException(DbUpdateConcurrencyException conflict)
        : Exception("The deadlines checked kept changing during the pass; the next pass checks them again.", conflict);

    /// <summary>One deadline's outcome in a pass: what was added for it (events, outbox messages), so a conflict can take it back.</summary>
    private sealed record DeadlineCheck(WatchedDeadline Deadline, List<object> Recorded, bool Parked);

    /// <summary>Adds the event row of <paramref name="transition"/> and, for a breach or escalation, its integration event.</summary>
    private static List<object> Record(TDbContext db, WatchedDeadline deadline, SlaTransition transition, DateTimeOffset now, string serviceName)
    {
        var (kind, level, role) = transition switch
        {
            SlaWarned => (SlaEventKind.Warned, 0, deadline.Holder),
            SlaBreachedAt breached => (SlaEventKind.Breached, 1, breached.Role),
            SlaEscalatedTo escalated => (SlaEventKind.Escalated, escalated.Level, escalated.Role),
            _ => throw new InvalidOperationException($"Unknown SLA transition {transition.GetType().Name}."),
        };
        var slaEvent = new SlaEvent
        {
            Id = Guid.CreateVersion7(now),
            EstateId = deadline.EstateId,
            Subject = deadline.Subject,
            SubjectId = deadline.SubjectId,
            Policy = deadline.Policy.Name,
            Kind = kind,
            Level = level,
            NotifiedRole = role,
            DueAt = deadline.Clock.DueAt,
            OccurredAt = transition.At,
            RecordedAt = now,
        };
        db.Set<SlaEvent>().Add(slaEvent);

        var eventId = Guid.CreateVersion7(now);
        if (kind == SlaEventKind.Breached)
        {
            db.AddIntegrationEvent(new SlaBreached(
                eventId, transition.At, deadline.EstateId, deadline.CorrelationId, serviceName,
                deadline.Subject, deadline.SubjectId, deadline.Policy.Name, deadline.Clock.DueAt, role, deadline.Clock.ResponsibleId));
        }
        else if (kind == SlaEventKind.Escalated)
        {
            db.AddIntegrationEvent(new SlaEscalated(
                eventId, transition.At, deadline.EstateId, deadline.CorrelationId, serviceName,
                deadline.Subject, deadline.SubjectId, deadline.Policy.Name, deadline.Clock.DueAt, level, role));
        }
        else
        {
            return [slaEvent];
        }

        return [slaEvent, db.ChangeTracker.Entries<OutboxMessage>().Single(e => e.Entity.EventId == eventId).Entity];
    }
}

/// <summary>The service whose deadlines a monitor keeps, as named in the events it publishes.</summary>
public sealed record SlaServiceName(string Name);

public static class SlaMonitorExtensions
{
    /// <summary>Runs the deadline monitor of <typeparamref name="TDbContext"/> (options from <c>Sla:Monitor</c>).</summary>
    public static IHostApplicationBuilder AddSlaMonitor<TDbContext>(this IHostApplicationBuilder builder, string serviceName)
        where TDbContext : DbContext, IOutboxDbContext
    {
        builder.Services.Configure<SlaMonitorOptions>(builder.Configuration.GetSection("Sla:Monitor"));
        builder.Services.AddSingleton(new SlaServiceName(serviceName));
        builder.Services.AddSingleton<SlaMonitor<TDbContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SlaMonitor<TDbContext>>());
        builder.Services.AddScoped(services => new SlaEventLog(services.GetRequiredService<TDbContext>()));
        return builder;
    }

    /// <summary>Adds one kind of deadline to the service's monitor.</summary>
    public static IHostApplicationBuilder AddSlaWatch<TDbContext, TWatch>(this IHostApplicationBuilder builder)
        where TDbContext : DbContext
        where TWatch : class, ISlaWatch<TDbContext>
    {
        builder.Services.AddScoped<ISlaWatch<TDbContext>, TWatch>();
        return builder;
    }
}
