using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

/// <summary>The emergencies of the group's emergency plan.</summary>
public enum EmergencyKind
{
    ElevatorFailure,
    BurstPipe,
    Fire,
    Injury,
    GasLeak,
    PowerOutage,
    Other,
}

/// <summary>
/// An emergency reported at reception: the on-duty supervisor is alerted at once (24-hour duty) and maintenance hears
/// of it by event. The supervisor must acknowledge within <see cref="Acknowledgement"/>; if nobody does, or nobody was
/// on duty, it escalates to the estate manager.
/// </summary>
public sealed class EmergencyAlert : IUnitScoped
{
    /// <summary>Acknowledged within 5 minutes, around the clock; the estate manager hears of it at once otherwise.</summary>
    public static readonly SlaPolicy Acknowledgement = new(
        "emergency-acknowledgement", SlaTimeBasis.Elapsed, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2),
        [new EscalationStep(TimeSpan.Zero, PlatformRoles.EstateManager), new EscalationStep(TimeSpan.FromMinutes(15), PlatformRoles.GroupAdmin)]);

    private EmergencyAlert()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public Guid RequestId { get; private set; }

    public EmergencyKind Kind { get; private set; }

    public string Description { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>The supervisor on duty when it was raised (their account), or null when nobody was: then it escalates.</summary>
    public string? OnDutySupervisor { get; private set; }

    public string? OnDutySupervisorName { get; private set; }

    public SlaClock Acknowledged { get; private set; } = null!;

    public string? AcknowledgedBy { get; private set; }

    public string? ActionTaken { get; private set; }

    public Guid CorrelationId { get; private set; }

    public uint Version { get; private set; }

    public static EmergencyAlert Raise(CustomerRequest request, EmergencyKind kind, DutySupervisor? onDuty, EstateCalendar calendar) => new()
    {
        Id = Guid.CreateVersion7(request.ReceivedAt),
        EstateId = request.EstateId,
        UnitId = request.UnitId,
        RequestId = request.Id,
        Kind = kind,
        Description = request.Description,
        RaisedAt = request.ReceivedAt,
        OnDutySupervisor = onDuty?.StaffId.ToString(),
        OnDutySupervisorName = onDuty?.Name,
        Acknowledged = SlaClock.Start(Acknowledgement, calendar, request.ReceivedAt),
        CorrelationId = request.CorrelationId,
    };

    public void Acknowledge(string by, string actionTaken, DateTimeOffset at)
    {
        if (Acknowledged.CompletedAt is not null)
        {
            throw new ConflictException("This emergency was already acknowledged.");
        }

        AcknowledgedBy = by;
        ActionTaken = actionTaken;
        Acknowledged.Complete(at);
    }
}

/// <summary>The customer-service supervisor on hr-training's duty roster at an instant: their staff (account) id and name.</summary>
public sealed record DutySupervisor(Guid StaffId, string Name);
