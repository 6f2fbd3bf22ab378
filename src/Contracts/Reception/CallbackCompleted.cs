namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// The front desk called the requester back. Scores run 1 (very dissatisfied) to 5 (very satisfied); the technician
/// is named so HR's appraisal can use them.
/// </summary>
public sealed record CallbackCompleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid CallbackId,
    Guid RequestId,
    Guid? WorkOrderId,
    Guid? TechnicianId,
    string? TechnicianName,
    int Attitude,
    int Quality,
    int Speed,
    bool Satisfied,
    bool WithinDeadline) : IIntegrationEvent;
