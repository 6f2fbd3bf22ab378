namespace PropertyPlatform.Contracts.Notifications;

/// <summary>
/// Any service asks for a message to a person: an owner (<see cref="RecipientKind"/> <c>owner</c>, reception's owner id)
/// or a staff member (<c>staff</c>, their identity account id). <see cref="TemplateKey"/> names the per-estate,
/// per-language template that <see cref="Data"/> fills; <see cref="Urgency"/> is <c>normal</c> or <c>urgent</c> (urgent
/// ignores quiet hours). Reception's one notification consumer picks the channels and delivers it; no other service
/// sends mail or SMS itself. <see cref="NotBefore"/> holds a message back until then (a notice published for later):
/// it is neither shown nor sent earlier.
/// </summary>
public sealed record NotificationRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    string RecipientKind,
    Guid RecipientId,
    string TemplateKey,
    IReadOnlyDictionary<string, string> Data,
    string Urgency,
    DateTimeOffset? NotBefore = null) : IIntegrationEvent;
