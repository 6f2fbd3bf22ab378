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

    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Checks every deadline of one service (all its <see cref="ISlaWatch{TDbContext}"/>s) whose next step is due:
/// records warnings, breaches and escalations as <see cref="SlaEvent"/> rows and publishes breaches and escalations
/// (<see cref="SlaBreached"/>, <see cref="SlaEscalated"/>) through the outbox, in the same transaction as the clocks'
/// new state — so a step is recorded and announced exactly once, even with several replicas running.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                while (await CheckAsync(stoppingToken) == options.Value.BatchSize)
                {
                    // A full batch: there may be more due right now.
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

    /// <summary>One pass over every watch at the current time; returns how many deadlines were checked (broken clocks are logged and skipped).</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var watches = scope.ServiceProvider.GetServices<ISlaWatch<TDbContext>>().ToArray();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
            if (!locked)
            {
                return 0;
            }

            var now = time.GetUtcNow();
            var checkedCount = 0;
            foreach (var watch in watches)
            {
                foreach (var deadline in await watch.DueAsync(db, now, options.Value.BatchSize, ct))
                {
                    IReadOnlyList<SlaTransition> transitions;
                    try
                    {
                        transitions = deadline.Clock.Evaluate(deadline.Policy, now);
                    }
                    catch (InvalidOperationException ex)
                    {
                        // One broken clock (a row written under another policy) must not stop every other deadline.
                        logger.LogError(ex, "The {Policy} clock of {Subject} {SubjectId} cannot be evaluated", deadline.Policy.Name, deadline.Subject, deadline.SubjectId);
                        continue;
                    }

                    checkedCount++;
                    foreach (var transition in transitions)
                    {
                        Record(db, deadline, transition, now);
                    }
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return checkedCount;
        }, cancellationToken);
    }

    private void Record(TDbContext db, WatchedDeadline deadline, SlaTransition transition, DateTimeOffset now)
    {
        var (kind, level, role) = transition switch
        {
            SlaWarned => (SlaEventKind.Warned, 0, deadline.Holder),
            SlaBreachedAt breached => (SlaEventKind.Breached, 1, breached.Role),
            SlaEscalatedTo escalated => (SlaEventKind.Escalated, escalated.Level, escalated.Role),
            _ => throw new InvalidOperationException($"Unknown SLA transition {transition.GetType().Name}."),
        };
        db.Set<SlaEvent>().Add(new SlaEvent
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
        });

        if (kind == SlaEventKind.Breached)
        {
            db.AddIntegrationEvent(new SlaBreached(
                Guid.CreateVersion7(now), transition.At, deadline.EstateId, deadline.CorrelationId, service.Name,
                deadline.Subject, deadline.SubjectId, deadline.Policy.Name, deadline.Clock.DueAt, role));
        }
        else if (kind == SlaEventKind.Escalated)
        {
            db.AddIntegrationEvent(new SlaEscalated(
                Guid.CreateVersion7(now), transition.At, deadline.EstateId, deadline.CorrelationId, service.Name,
                deadline.Subject, deadline.SubjectId, deadline.Policy.Name, deadline.Clock.DueAt, level, role));
        }
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
