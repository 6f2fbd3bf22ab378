namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>
/// Maintenance proposes a visit time for a work order (the earliest slot a certified, on-duty technician is free) from
/// <see cref="StartsAt"/> to <see cref="EndsAt"/>. Reception agrees it with the owner and answers with
/// <see cref="Reception.AppointmentConfirmed"/>.
/// </summary>
public sealed record AppointmentProposed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid AppointmentId,
    Guid WorkOrderId,
    Guid? RequestId,
    Guid? UnitId,
    string Trade,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt) : IIntegrationEvent;
