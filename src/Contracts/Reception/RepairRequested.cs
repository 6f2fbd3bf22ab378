namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// A customer request classified as a repair was recorded at reception; maintenance opens a work order.
/// <see cref="AttachmentIds"/> are the request's photos (served by reception at
/// <c>/api/reception/requests/{RequestId}/attachments/{id}</c>); null from producers older than photos.
/// <see cref="AgreedAppointmentAt"/> is the visit time agreed with the owner at intake, null when none was agreed
/// (maintenance then proposes one with <see cref="Maintenance.AppointmentProposed"/>).
/// </summary>
public sealed record RepairRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid RequestId,
    Guid? UnitId,
    string Description,
    string Urgency,
    Guid[]? AttachmentIds = null,
    DateTimeOffset? AgreedAppointmentAt = null) : IIntegrationEvent;
