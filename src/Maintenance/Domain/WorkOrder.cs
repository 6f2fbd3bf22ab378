using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Domain;

public enum WorkOrderUrgency
{
    Emergency,
    Urgent,
    Normal,
    Planned,
}

public enum WorkOrderStatus
{
    Created,
}

/// <summary>A job for the maintenance team: from a customer request, a patrol or an inspection.</summary>
public sealed class WorkOrder : IUnitScoped
{
    private WorkOrder()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The reception request it came from; at most one work order per request.</summary>
    public Guid? RequestId { get; private set; }

    /// <summary>Null for a common area.</summary>
    public Guid? UnitId { get; private set; }

    public string Description { get; private set; } = "";

    public WorkOrderUrgency Urgency { get; private set; }

    public WorkOrderStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CorrelationId { get; private set; }

    /// <summary>The photos of the request it came from, kept (and served) by reception.</summary>
    public List<Guid> AttachmentIds { get; private set; } = [];

    public uint Version { get; private set; }

    public static WorkOrder FromRequest(
        Guid estateId,
        Guid requestId,
        Guid? unitId,
        string description,
        WorkOrderUrgency urgency,
        DateTimeOffset at,
        Guid correlationId,
        IEnumerable<Guid>? attachmentIds = null) => new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            RequestId = requestId,
            UnitId = unitId,
            Description = description,
            Urgency = urgency,
            Status = WorkOrderStatus.Created,
            CreatedAt = at,
            CorrelationId = correlationId,
            AttachmentIds = [.. (attachmentIds ?? []).Distinct()],
        };
}
