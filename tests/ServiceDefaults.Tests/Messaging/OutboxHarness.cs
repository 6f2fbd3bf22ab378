using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

/// <summary>A throwaway database with the outbox wired exactly as services wire it, and a recording publisher.</summary>
public sealed class OutboxHarness : IAsyncDisposable
{
    private OutboxHarness(ServiceProvider services, RecordingPublisher publisher, string connectionString)
    {
        Services = services;
        Publisher = publisher;
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }

    public RecordingPublisher Publisher { get; }

    public static async Task<OutboxHarness> CreateAsync(PostgresFixture postgres, Action<OutboxOptions>? configure = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var publisher = new RecordingPublisher();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IIntegrationEventPublisher>(publisher)
            .AddOutbox<OutboxTestDbContext>()
            .AddDbContext<OutboxTestDbContext>((sp, options) => options
                .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure())
                .UseSnakeCaseNamingConvention());
        services.Configure<OutboxOptions>(options => configure?.Invoke(options));
        var provider = services.BuildServiceProvider();

        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
        await db.Database.EnsureCreatedAsync();
        await OutboxWakeup.EnsureTriggerAsync(db, CancellationToken.None);
        return new OutboxHarness(provider, publisher, connectionString);
    }

    public OutboxDispatcher<OutboxTestDbContext> Dispatcher => Services.GetRequiredService<OutboxDispatcher<OutboxTestDbContext>>();

    /// <summary>The listener that turns the database's notifications of committed outbox rows into the dispatcher's signal.</summary>
    public IHostedService Listener => Services.GetServices<IHostedService>().OfType<OutboxListener<OutboxTestDbContext>>().Single();

    /// <summary>The database's connection string, for writing as another process would: a context with nothing of this harness's wiring.</summary>
    public string ConnectionString { get; }

    public async Task<T> WithDbAsync<T>(Func<OutboxTestDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>());
    }

    /// <summary>Runs <paramref name="action"/> in an explicit transaction, as consumers do (inside the retry strategy).</summary>
    public Task InTransactionAsync(Func<OutboxTestDbContext, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction, Task> action) =>
        WithDbAsync(async db =>
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await action(db, transaction);
            });
            return 0;
        });

    /// <summary>Stores a note and its event in one save, as a service endpoint does.</summary>
    public Task<NoteAdded> AddNoteAsync(int number) => WithDbAsync(async db =>
    {
        var added = NoteAdded.Create(number);
        db.Notes.Add(new Note { Id = Guid.NewGuid(), Number = number });
        db.AddIntegrationEvent(added);
        await db.SaveChangesAsync();
        return added;
    });

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
