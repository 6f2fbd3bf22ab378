namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// Reception agreed a work order's visit time with the owner: the proposed one, or another the owner chose (then
/// <see cref="StartsAt"/>/<see cref="EndsAt"/> differ from the proposal). Maintenance records it as the work order's
/// agreed appointment and dispatches for it.
/// </summary>
public sealed record AppointmentConfirmed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid AppointmentId,
    Guid WorkOrderId,
    Guid? RequestId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt) : IIntegrationEvent;
