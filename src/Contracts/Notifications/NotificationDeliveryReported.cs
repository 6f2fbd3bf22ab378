namespace PropertyPlatform.Contracts.Notifications;

/// <summary>
/// Reception's outcome of one channel of a requested notification, so the service that asked can record it:
/// <see cref="RequestEventId"/> is the <see cref="NotificationRequested.EventId"/>, <see cref="Channel"/> is <c>app</c>
/// (the owner app's inbox), <c>email</c> or <c>sms</c>, and <see cref="Status"/> is <c>sent</c> or <c>failed</c> (after
/// the last retry, or at once when it cannot be delivered at all; <see cref="Reason"/> says which, without addresses).
/// A failed delivery the desk sends again reports again; the latest <see cref="OccurredAt"/> per channel is the outcome.
/// </summary>
public sealed record NotificationDeliveryReported(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid RequestEventId,
    string Channel,
    string Status,
    string? Reason) : IIntegrationEvent;
