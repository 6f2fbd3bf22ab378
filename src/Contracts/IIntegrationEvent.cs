namespace PropertyPlatform.Contracts;

/// <summary>
/// What every integration event carries. Events are immutable facts named in the past tense; they evolve
/// by adding fields, never by changing the meaning of an existing one.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique per event; consumers use it to ignore redeliveries.</summary>
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    /// <summary>The estate the fact belongs to: every record in the system belongs to one estate.</summary>
    Guid EstateId { get; }

    /// <summary>Ties the event to the user request (and the other events) it came from.</summary>
    Guid CorrelationId { get; }
}
