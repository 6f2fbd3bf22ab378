using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>A service's DbContext that holds the outbox and inbox tables next to its own.</summary>
public interface IOutboxDbContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<InboxMessage> InboxMessages { get; }
}

public static class OutboxDbContextExtensions
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Queues <paramref name="integrationEvent"/> for publishing. It is stored by the same <c>SaveChanges</c>
    /// as the state change, so either both happen or neither does; with it the current trace context, which its
    /// publishing continues.
    /// </summary>
    public static void AddIntegrationEvent<TEvent>(this IOutboxDbContext db, TEvent integrationEvent)
        where TEvent : class, IIntegrationEvent =>
        db.OutboxMessages.Add(ToOutboxMessage(integrationEvent));

    /// <summary>
    /// The outbox row of <paramref name="integrationEvent"/>, with the current trace context, as
    /// <see cref="AddIntegrationEvent"/> stores it: for bulk writers that store it themselves (<see cref="OutboxCopy"/>).
    /// </summary>
    public static OutboxMessage ToOutboxMessage<TEvent>(TEvent integrationEvent)
        where TEvent : class, IIntegrationEvent
    {
        var (traceParent, traceState) = OutboxTelemetry.Capture(Activity.Current);
        return new OutboxMessage
        {
            EventId = integrationEvent.EventId,
            EventType = EventTypeNameOf<TEvent>.Name,
            Payload = JsonSerializer.Serialize(integrationEvent, SerializerOptions),
            CorrelationId = integrationEvent.CorrelationId,
            OccurredAt = integrationEvent.OccurredAt,
            TraceParent = traceParent,
            TraceState = traceState,
        };
    }

    /// <summary>
    /// The stored type name, computed once per event type: <c>Assembly.GetName()</c> builds a new <c>AssemblyName</c> on
    /// every call, which showed in the profiles of intake and of a run writing 200,000 events.
    /// </summary>
    private static class EventTypeNameOf<TEvent>
    {
        public static readonly string Name = $"{typeof(TEvent).FullName}, {typeof(TEvent).Assembly.GetName().Name}";
    }

    /// <summary>Maps the outbox and inbox tables; call from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.Property(m => m.EventType).HasMaxLength(400);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            // The dispatcher reads only what is still pending, in order.
            outbox.HasIndex(m => m.Sequence).HasFilter("published_at IS NULL AND parked_at IS NULL").HasDatabaseName("ix_outbox_messages_pending");
            // What operators look at and replay.
            outbox.HasIndex(m => m.ParkedAt).HasFilter("parked_at IS NOT NULL").HasDatabaseName("ix_outbox_messages_parked");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
        });

        return modelBuilder;
    }
}
