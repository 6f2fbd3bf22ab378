using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Domain;

/// <summary>
/// Reception's callback about a repair, scored 1-5 for attitude, quality and speed: one per callback, credited to the
/// technician who did the work (from the event, or the work order when the event does not name them).
/// </summary>
public sealed class CallbackScore : IEstateOwned
{
    private CallbackScore()
    {
    }

    public Guid CallbackId { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    /// <summary>Null when neither the callback nor a known work order names the technician.</summary>
    public Guid? TechnicianId { get; private set; }

    public string? TechnicianName { get; private set; }

    public int Attitude { get; private set; }

    public int Quality { get; private set; }

    public int Speed { get; private set; }

    public bool Satisfied { get; private set; }

    public DateTimeOffset CalledAt { get; private set; }

    public static CallbackScore Record(
        Guid callbackId, Guid estateId, Guid? workOrderId, Guid? technicianId, string? technicianName, int attitude, int quality, int speed, bool satisfied,
        DateTimeOffset calledAt) => new()
    {
        CallbackId = callbackId,
        EstateId = estateId,
        WorkOrderId = workOrderId,
        TechnicianId = technicianId,
        TechnicianName = technicianName,
        Attitude = attitude,
        Quality = quality,
        Speed = speed,
        Satisfied = satisfied,
        CalledAt = calledAt,
    };
}
