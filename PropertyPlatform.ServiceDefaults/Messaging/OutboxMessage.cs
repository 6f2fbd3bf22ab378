namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the state change
/// that raised it. <see cref="Sequence"/> gives the publishing order (assigned at insert, see <see cref="OutboxDispatcher{TDbContext}"/>).
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; private set; }

    public Guid EventId { get; init; }

    public required string EventType { get; init; }

    public required string Payload { get; init; }

    public Guid CorrelationId { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the activity that wrote the event, so its publishing continues that trace.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>.</summary>
    public string? TraceState { get; init; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Failed publishes that count towards parking (not those while the broker was away).</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// Set when the event can never be published as stored (its type no longer resolves, its payload no longer reads) or
    /// failed <see cref="OutboxOptions.MaxAttempts"/> times: it is left aside so the events behind it go out, kept (never
    /// pruned) until an operator fixes and replays it.
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }
}

/// <summary>A message this service has already handled, per consumer: a redelivery finds it and changes nothing.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}
