using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

/// <summary>Real PostgreSQL and RabbitMQ for the outbox tests that need the broker itself.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private PlatformInfrastructure? _infrastructure;

    public PlatformInfrastructure Infrastructure => _infrastructure ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() =>
        _infrastructure = await PlatformInfrastructure.StartAsync(postgres: true, rabbitMq: true);

    public async ValueTask DisposeAsync()
    {
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}

public sealed class OutboxParkingTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const string DatabaseName = "outbox-db";

    private static readonly string NoteAddedTypeName = $"{typeof(NoteAdded).FullName}, {typeof(NoteAdded).Assembly.GetName().Name}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Poison_outbox_row_does_not_block_the_events_behind_it()
    {
        using var parkedCount = new ParkedEventCounter("NoteRenamed");
        using var host = await StartServiceAsync();
        var received = host.Services.GetRequiredService<ReceivedNotes>();
        var unresolvable = await InsertRowAsync(host, "PropertyPlatform.Contracts.Gone.NoteRenamed, PropertyPlatform.Contracts.Gone", """{"number":1}""");
        var undeserialisable = await InsertRowAsync(host, NoteAddedTypeName, """{"number":"not a number"}""");
        await AddNotesAsync(host, 2, 3, 4);

        await Eventually.Async(() => received.Numbers.Count >= 3, TimeSpan.FromSeconds(30),
            "the good events behind the poison rows should reach the broker");

        // The order is the outbox's, read from what it recorded: the consumer's arrival order is the broker's and the
        // consumer's business (it handles several messages at once).
        received.Numbers.Should().BeEquivalentTo([2, 3, 4]);
        (await PublishedInSequenceOrderAsync(host)).Should().BeInAscendingOrder("the events behind the poison rows go out in order");
        var parked = await ParkedAsync(host);
        parked.Select(p => p.EventId).Should().BeEquivalentTo([unresolvable, undeserialisable]);
        parked.Should().AllSatisfy(p => p.LastError.Should().NotBeNullOrEmpty());
        parkedCount.Total.Should().Be(1, "each parked event is counted on the outbox meter, tagged with its type");

        // An operator corrects the payload and replays it: it goes out.
        await WithParkedEventsAsync(host, async (db, _) => await db.OutboxMessages
            .Where(m => m.EventId == undeserialisable)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Payload, $$"""{"eventId":"{{undeserialisable}}","number":5}"""), Ct));
        (await WithParkedEventsAsync(host, (_, events) => events.ReplayAsync(undeserialisable, Ct))).Should().BeTrue();

        await Eventually.Async(() => received.Numbers.Count >= 4, TimeSpan.FromSeconds(30), "the replayed event should reach the broker");
        received.Numbers.Should().BeEquivalentTo([2, 3, 4, 5]);
        (await ParkedAsync(host)).Select(p => p.EventId).Should().Equal([unresolvable], "only the replayed event left the parked list");
    }

    /// <summary>When each published event went out, in the order the outbox holds them.</summary>
    private static async Task<List<DateTimeOffset>> PublishedInSequenceOrderAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.PublishedAt != null).OrderBy(m => m.Sequence).Select(m => m.PublishedAt!.Value).ToListAsync(Ct);
    }

    private static async Task<List<OutboxMessage>> ParkedAsync(IHost host) =>
        await WithParkedEventsAsync(host, (_, events) => events.Messages.ToListAsync(Ct));

    private static async Task<T> WithParkedEventsAsync<T>(IHost host, Func<OutboxTestDbContext, ParkedEvents, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>(), scope.ServiceProvider.GetRequiredService<ParkedEvents>());
    }

    private async Task<IHost> StartServiceAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration[$"ConnectionStrings:{DatabaseName}"] = await broker.Infrastructure.CreateDatabaseAsync("outbox");
        builder.Configuration[$"ConnectionStrings:{MessagingExtensions.ConnectionName}"] = broker.Infrastructure.RabbitMqConnectionString;
        builder.Configuration["Messaging:Outbox:PollInterval"] = "00:00:00.200";
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReceivedNotes>();
        builder.AddServiceDatabase<OutboxTestDbContext>(DatabaseName);
        builder.AddMessaging("outbox-test", bus => bus.AddConsumer<NoteAddedRecorder>());
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>().Database.EnsureCreatedAsync(Ct);
        }

        await host.StartAsync(Ct);
        var bus = host.Services.GetRequiredService<IBusControl>();
        await Eventually.Async(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60), "the bus should connect");
        return host;
    }

    private static async Task<Guid> InsertRowAsync(IHost host, string eventType, string payload)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
        var eventId = Guid.NewGuid();
        db.OutboxMessages.Add(new OutboxMessage
        {
            EventId = eventId,
            EventType = eventType,
            Payload = payload,
            CorrelationId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
        return eventId;
    }

    private static async Task AddNotesAsync(IHost host, params int[] numbers)
    {
        foreach (var number in numbers)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OutboxTestDbContext>();
            db.AddIntegrationEvent(NoteAdded.Create(number));
            await db.SaveChangesAsync(Ct);
        }
    }
}

/// <summary>What reached the broker and came back to this service's consumer, in arrival order.</summary>
public sealed class ReceivedNotes
{
    private readonly ConcurrentQueue<int> _numbers = new();

    public IReadOnlyList<int> Numbers => [.. _numbers];

    public void Add(int number) => _numbers.Enqueue(number);
}

public sealed class NoteAddedRecorder(ReceivedNotes received) : IConsumer<NoteAdded>
{
    public Task Consume(ConsumeContext<NoteAdded> context)
    {
        received.Add(context.Message.Number);
        return Task.CompletedTask;
    }
}

/// <summary>Sums the outbox's parked-events counter for one event type (other tests park other types meanwhile).</summary>
public sealed class ParkedEventCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public ParkedEventCounter(string eventType)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OutboxTelemetry.MeterName && instrument.Name == "outbox.events.parked")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "event.type", Value: string type } && type == eventType)
                {
                    Interlocked.Add(ref _total, value);
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
