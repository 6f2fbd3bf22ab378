using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

public sealed class Note
{
    public Guid Id { get; init; }

    public int Number { get; init; }

    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}

public sealed record NoteAdded(Guid EventId, DateTimeOffset OccurredAt, Guid EstateId, Guid CorrelationId, int Number) : IIntegrationEvent
{
    public static NoteAdded Create(int number) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), number);
}

public sealed class OutboxTestDbContext(DbContextOptions<OutboxTestDbContext> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Note>().ToTable("notes");
    }
}

/// <summary>Records what would have gone to the broker; can be told the broker is away.</summary>
public sealed class RecordingPublisher : IIntegrationEventPublisher
{
    private readonly Lock _lock = new();
    private readonly List<NoteAdded> _published = [];
    private readonly Dictionary<Guid, Activity?> _activities = [];

    public Func<NoteAdded, bool> BrokerAvailable { get; set; } = _ => true;

    /// <summary>The broker never answers: each publish waits until the dispatcher's timeout cancels it.</summary>
    public bool Hang { get; set; }

    public IReadOnlyList<NoteAdded> Published
    {
        get
        {
            lock (_lock)
            {
                return [.. _published];
            }
        }
    }

    /// <summary>The activity that was current when the event went to the broker (MassTransit's send span's parent).</summary>
    public Activity? ActivityAtPublish(Guid eventId)
    {
        lock (_lock)
        {
            return _activities[eventId];
        }
    }

    /// <summary>When set, every publish waits for it before the broker "confirms" (or refuses): publishes pile up in flight.</summary>
    public TaskCompletionSource? HoldConfirms { get; set; }

    /// <summary>Publishes handed over and not yet answered.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    private int _inFlight;

    /// <summary>
    /// Records the event in the order it was handed over, as the broker's channel sees it, and takes it back if the
    /// publish then fails: <see cref="Published"/> is what the broker holds, in the order it got it.
    /// </summary>
    public async Task PublishAsync(object integrationEvent, Type eventType, Guid eventId, Guid correlationId, CancellationToken cancellationToken)
    {
        var note = (NoteAdded)integrationEvent;
        var activity = Activity.Current;
        eventId.Should().Be(note.EventId, "the broker message id is the event id, which consumers deduplicate on");
        lock (_lock)
        {
            _published.Add(note);
            _activities[eventId] = activity;
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            await Task.Yield();
            if (HoldConfirms is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (!BrokerAvailable(note))
            {
                throw new InvalidOperationException("Broker unreachable.");
            }
        }
        catch
        {
            lock (_lock)
            {
                _published.Remove(note);
            }

            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

public sealed class NoteAddedConsumer(OutboxTestDbContext db, TimeProvider time) : IdempotentConsumer<NoteAdded, OutboxTestDbContext>(db, time)
{
    public bool FailNextHandle { get; set; }

    /// <summary>When set, handling signals <see cref="HandlingGate.Entered"/> and waits for <see cref="HandlingGate.Release"/>.</summary>
    public HandlingGate? Gate { get; init; }

    protected override async Task HandleAsync(NoteAdded message, CancellationToken cancellationToken)
    {
        if (FailNextHandle)
        {
            FailNextHandle = false;
            throw new InvalidOperationException("Handler failed.");
        }

        if (Gate is { } gate)
        {
            gate.Entered.TrySetResult();
            await gate.Release.Task.WaitAsync(cancellationToken);
        }

        Db.Notes.Add(new Note { Id = Guid.NewGuid(), Number = message.Number });
    }
}

/// <summary>Holds a consumer in the middle of its handling, its transaction open, until the test lets it go on.</summary>
public sealed class HandlingGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
