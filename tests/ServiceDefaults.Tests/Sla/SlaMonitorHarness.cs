using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Sla;

/// <summary>A record with a deadline, as a service keeps one: the clock is owned, the row carries a row version.</summary>
public sealed class Ticket
{
    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public required string Queue { get; init; }

    public SlaClock Clock { get; set; } = null!;

    public string? Note { get; set; }

    public uint Version { get; private set; }
}

public sealed class SlaTestDbContext(DbContextOptions<SlaTestDbContext> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<SlaEvent> SlaEvents => Set<SlaEvent>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox().AddSlaEvents().AddAuditTrail();
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.ToTable("tickets");
            ticket.Property(t => t.Queue).HasMaxLength(16);
            ticket.Property(t => t.Note).HasMaxLength(200);
            ticket.Property(t => t.Version).IsRowVersion();
            ticket.OwnsOne(t => t.Clock, clock => clock.Property(c => c.Policy).HasMaxLength(64));
        });
    }
}

/// <summary>The tickets of one queue whose clock is due; can run something between reading them and the monitor's save.</summary>
public sealed class TicketWatch(string queue, SlaMonitorHarness harness) : ISlaWatch<SlaTestDbContext>
{
    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(SlaTestDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.Tickets.Where(t => t.Queue == queue).WithClockDueAsync(t => t.Clock, now, limit, cancellationToken);
        if (harness.AfterRead is { } afterRead)
        {
            harness.AfterRead = null;
            await afterRead();
        }

        return [.. due.Select(t => new WatchedDeadline("ticket", t.Id, t.EstateId, t.Id, SlaMonitorHarness.Policy, t.Clock))];
    }
}

/// <summary>A throwaway database with tickets in two queues (two watches) and the monitor wired as services wire it.</summary>
public sealed class SlaMonitorHarness : IAsyncDisposable
{
    public static readonly SlaPolicy Policy = new("ticket-response", SlaTimeBasis.Elapsed, TimeSpan.FromMinutes(10), TimeSpan.Zero,
        SlaPolicy.FrontDeskChain(toManagerAfter: TimeSpan.FromHours(1)));

    /// <summary>Another rule's name: a clock started under it cannot be evaluated under <see cref="Policy"/>.</summary>
    public static readonly SlaPolicy OtherPolicy = Policy with { Name = "retired-policy" };

    private static readonly EstateCalendar Calendar = EstateCalendar.Weekdays("UTC", new(0, 0), new(23, 59));

    private ServiceProvider _services = null!;

    public ServiceProvider Services => _services;

    /// <summary>Runs once, inside the monitor's pass, after a watch has read its due tickets.</summary>
    public Func<Task>? AfterRead { get; set; }

    public SlaMonitor<SlaTestDbContext> Monitor => Services.GetRequiredService<SlaMonitor<SlaTestDbContext>>();

    public static async Task<SlaMonitorHarness> CreateAsync(PostgresFixture postgres, Action<SlaMonitorOptions>? configure = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync("sla");
        var harness = new SlaMonitorHarness();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new SlaServiceName("test"))
            .AddSingleton<SlaMonitor<SlaTestDbContext>>()
            .AddScoped<ISlaWatch<SlaTestDbContext>>(_ => new TicketWatch("a", harness))
            .AddScoped<ISlaWatch<SlaTestDbContext>>(_ => new TicketWatch("b", harness))
            // Audited, as every service's context is: the trail commits (or rolls back) with what the monitor saves.
            .AddHttpContextAccessor()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "sla-test" })
            .AddSingleton<AuditInterceptor>()
            .AddDbContext<SlaTestDbContext>((services, options) => options
                .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(services.GetRequiredService<AuditInterceptor>()));
        services.Configure<SlaMonitorOptions>(options => configure?.Invoke(options));
        harness._services = services.BuildServiceProvider();
        await harness.WithDbAsync(db => db.Database.EnsureCreatedAsync());
        return harness;
    }

    /// <summary>Adds tickets whose clock started <paramref name="startedAgo"/>: past their 10-minute deadline if that is longer.</summary>
    public Task<List<Guid>> AddTicketsAsync(
        int count, TimeSpan startedAgo, string queue = "a", SlaPolicy? policy = null, Guid? responsibleId = null) => WithDbAsync(async db =>
    {
        var ids = new List<Guid>();
        var startedAt = DateTimeOffset.UtcNow - startedAgo;
        for (var i = 0; i < count; i++)
        {
            var ticket = new Ticket
            {
                Id = Guid.CreateVersion7(),
                EstateId = Guid.NewGuid(),
                Queue = queue,
                Clock = SlaClock.Start(policy ?? Policy, Calendar, startedAt.AddMilliseconds(i), responsibleId),
            };
            db.Tickets.Add(ticket);
            ids.Add(ticket.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    });

    public async Task<T> WithDbAsync<T>(Func<SlaTestDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SlaTestDbContext>());
    }

    public Task<List<Guid>> BreachedAsync() =>
        WithDbAsync(db => db.SlaEvents.Where(e => e.Kind == SlaEventKind.Breached).Select(e => e.SubjectId).ToListAsync());

    public Task<int> BreachEventsAsync() => WithDbAsync(db => db.SlaEvents.CountAsync(e => e.Kind == SlaEventKind.Breached));

    /// <summary>For each ticket whose clock was changed after it was made, how many times the trail recorded a change.</summary>
    public Task<List<int>> ClockUpdatesAuditedAsync() => WithDbAsync(db => db.AuditEntries
        .Where(a => a.EntityType == "Ticket.Clock" && a.Action == AuditAction.Updated)
        .GroupBy(a => a.EntityId).Select(g => g.Count()).ToListAsync());

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
