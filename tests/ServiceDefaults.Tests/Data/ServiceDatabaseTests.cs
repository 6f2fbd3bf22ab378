using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Tests.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Data;

/// <summary>AddServiceDatabase: our DbContext registration, enriched by Aspire.Npgsql.EntityFrameworkCore.PostgreSQL.</summary>
public sealed class ServiceDatabaseTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string ConnectionName = "test-db";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_scope_gets_its_own_context_with_retry_on_transient_failures()
    {
        await using var service = Service(await postgres.CreateDatabaseAsync());

        OutboxTestDbContext first;
        await using (var scope = service.App.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
            first.Database.CreateExecutionStrategy().Should().BeAssignableTo<NpgsqlRetryingExecutionStrategy>();
        }

        await using (var scope = service.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>().Should()
                .NotBeSameAs(first, "contexts are per request (they carry the caller's estate scope), never pooled");
        }
    }

    [Fact]
    public async Task The_database_health_check_is_tagged_and_reports_a_missing_database()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var reachable = Service(connectionString);
        await using var missing = Service(
            new NpgsqlConnectionStringBuilder(connectionString) { Database = $"missing_{Guid.NewGuid():N}" }.ConnectionString);

        var registration = reachable.App.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations
            .Should().ContainSingle(r => r.Name == nameof(OutboxTestDbContext)).Subject;
        registration.Tags.Should().Contain(DatabaseExtensions.HealthCheckTags);

        var healthy = await reachable.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);
        var unhealthy = await missing.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

        healthy.Entries[nameof(OutboxTestDbContext)].Status.Should().Be(HealthStatus.Healthy);
        unhealthy.Entries[nameof(OutboxTestDbContext)].Status.Should().Be(HealthStatus.Unhealthy);
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy, "/health reports every check, the database's included");
    }

    [Fact]
    public async Task Database_commands_are_traced_once_and_measured()
    {
        // A recorded parent of our own, so this test's spans are told apart from those of tests running alongside.
        using var parent = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        parent.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        parent.Start();
        var trace = new TraceRecorder(parent.TraceId);
        await using var service = Service(await postgres.CreateDatabaseAsync(), trace);

        await using (var scope = service.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>().Database.ExecuteSqlRawAsync("SELECT 42", Ct);
        }

        parent.Stop();
        service.App.Services.GetRequiredService<TracerProvider>().ForceFlush();
        service.App.Services.GetRequiredService<MeterProvider>().ForceFlush();

        trace.Ended.Where(s => s.Source.Name == "Npgsql" && s.GetTagItem("db.query.text") is "SELECT 42").Should()
            .ContainSingle("one command is one span, however many times tracing is switched on");
        service.Metrics.Should().Contain(m => m.MeterName == "Npgsql");
    }

    [Fact]
    public async Task A_service_holds_at_most_its_share_of_connections_and_the_server_takes_every_services_whole_pool_at_once()
    {
        const int servicesWithADatabase = 6; // reception, maintenance, billing, security-gate, hr-training, identity
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var capped = Service(connectionString);
        await using var chosen = Service(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 7 }.ConnectionString);

        PoolSize(capped).Should().Be(DatabaseExtensions.MaxPoolSize);
        PoolSize(chosen).Should().Be(7, "a connection string that sets its own maximum keeps it");

        // Every service's pool full at once, on the one server the AppHost gives them all (PostgreSQL's default is 100).
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        var connections = Enumerable.Range(0, servicesWithADatabase * DatabaseExtensions.MaxPoolSize).Select(_ => new NpgsqlConnection(unpooled)).ToList();
        try
        {
            await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
                async (connection, ct) => await connection.OpenAsync(ct));
            connections.Should().OnlyContain(c => c.State == System.Data.ConnectionState.Open, "the server refuses no one");
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_saves_statements_are_prepared_on_its_connection_and_a_save_that_failed_on_them_leaves_them_whole()
    {
        await using var service = Service(await postgres.CreateDatabaseAsync());
        using var scope = service.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
        await db.Database.EnsureCreatedAsync(Ct);
        await db.Database.OpenConnectionAsync(Ct); // what is prepared is prepared on one connection: the test keeps one

        var handled = Guid.NewGuid();
        db.InboxMessages.Add(Inbox(handled));
        db.AddIntegrationEvent(NoteAdded.Create(1));
        await db.SaveChangesAsync(Ct);

        // A redelivery: the same save again, failing on the inbox's key, and its transaction rolled back.
        db.ChangeTracker.Clear();
        db.InboxMessages.Add(Inbox(handled));
        db.AddIntegrationEvent(NoteAdded.Create(2));
        var redelivered = () => db.SaveChangesAsync(Ct);
        (await redelivered.Should().ThrowAsync<DbUpdateException>()).WithInnerException<PostgresException>()
            .Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);

        db.ChangeTracker.Clear();
        var next = OutboxDbContextExtensions.ToOutboxMessage(NoteAdded.Create(3));
        db.InboxMessages.Add(Inbox(Guid.NewGuid()));
        db.OutboxMessages.Add(next);
        await db.SaveChangesAsync(Ct);
        next.Sequence.Should().BePositive("the prepared INSERT … RETURNING still reads back its row after the failed save");

        for (var run = 0; run < 3; run++)
        {
            await db.InboxMessages.AsNoTracking().Where(m => m.MessageId == handled).ToListAsync(Ct);
        }

        var prepared = await db.Database.SqlQueryRaw<string>(
            "SELECT statement AS \"Value\" FROM pg_prepared_statements WHERE NOT from_sql").ToListAsync(Ct);
        prepared.Should().Contain(s => s.StartsWith("INSERT INTO inbox_messages", StringComparison.Ordinal))
            .And.Contain(s => s.StartsWith("INSERT INTO outbox_messages", StringComparison.Ordinal))
            .And.NotContain(s => s.StartsWith("SELECT", StringComparison.Ordinal), "queries keep their custom plans: only saves are prepared");
    }

    private static InboxMessage Inbox(Guid messageId) => new() { MessageId = messageId, Consumer = "test", ProcessedAt = DateTimeOffset.UtcNow };

    private static int PoolSize(TestService service)
    {
        using var scope = service.App.Services.CreateScope();
        var connectionString = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>().Database.GetConnectionString();
        return new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;
    }

    private static TestService Service(string connectionString, TraceRecorder? trace = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration[$"ConnectionStrings:{ConnectionName}"] = connectionString;
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<OutboxTestDbContext>(ConnectionName);

        var metrics = new List<Metric>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddProcessor(trace ?? new TraceRecorder(default)))
            .WithMetrics(meters => meters.AddInMemoryExporter(metrics));

        // Built, not started: nothing here needs the migrator or the dispatcher.
        var app = builder.Build();
        _ = app.Services.GetRequiredService<TracerProvider>();
        _ = app.Services.GetRequiredService<MeterProvider>();
        return new TestService(app, metrics);
    }

    private sealed record TestService(WebApplication App, List<Metric> Metrics) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>Keeps the ended spans of one trace (the tracer provider sees every test's spans).</summary>
    private sealed class TraceRecorder(ActivityTraceId traceId) : BaseProcessor<Activity>
    {
        public ConcurrentQueue<Activity> Ended { get; } = new();

        public override void OnEnd(Activity data)
        {
            if (data.TraceId == traceId)
            {
                Ended.Enqueue(data);
            }
        }
    }
}
