using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

public enum VisitOutcome
{
    Admitted,
    Refused,
}

/// <summary>
/// One person at the gate: admitted to see a host (a unit) or on business, or refused, which is recorded too. The ID
/// number is personal data: kept for the record, shown only masked, never in the audit trail.
/// </summary>
public sealed class Visit : IUnitScoped
{
    private Visit()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The unit visited (the host's); null for business with the estate itself, or a refusal without a host.</summary>
    public Guid? UnitId { get; private set; }

    public string VisitorName { get; private set; } = "";

    /// <summary>Null for a visitor admitted on an owner's pass, whose card the guard did not take down.</summary>
    [PrivateData]
    public string? IdNumber { get; private set; }

    public string? HostName { get; private set; }

    public string? Purpose { get; private set; }

    public VisitOutcome Outcome { get; private set; }

    public string? RefusalReason { get; private set; }

    public DateTimeOffset ArrivedAt { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    /// <summary>The pre-registered pass the visitor came on, if any.</summary>
    public Guid? PassId { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public static Visit Admit(
        Guid estateId, Guid? unitId, string visitorName, string? idNumber, string? hostName, string? purpose, DateTimeOffset arrivedAt,
        string recordedBy, Guid? passId = null) =>
        Record(estateId, unitId, visitorName, idNumber, hostName, purpose, arrivedAt, recordedBy, VisitOutcome.Admitted, null, passId);

    public static Visit Refuse(
        Guid estateId, Guid? unitId, string visitorName, string? idNumber, string? hostName, string? purpose, DateTimeOffset arrivedAt,
        string reason, string recordedBy) =>
        Record(estateId, unitId, visitorName, idNumber, hostName, purpose, arrivedAt, recordedBy, VisitOutcome.Refused, reason, passId: null);

    private static Visit Record(
        Guid estateId, Guid? unitId, string visitorName, string? idNumber, string? hostName, string? purpose, DateTimeOffset arrivedAt,
        string recordedBy, VisitOutcome outcome, string? refusalReason, Guid? passId) => new()
    {
        Id = Guid.CreateVersion7(arrivedAt),
        EstateId = estateId,
        UnitId = unitId,
        VisitorName = visitorName,
        IdNumber = idNumber,
        HostName = hostName,
        Purpose = purpose,
        Outcome = outcome,
        RefusalReason = refusalReason,
        ArrivedAt = arrivedAt,
        PassId = passId,
        RecordedBy = recordedBy,
    };

    /// <summary>Records the departure; false when the visitor was refused or has left already.</summary>
    public bool Leave(DateTimeOffset leftAt)
    {
        if (Outcome != VisitOutcome.Admitted || LeftAt is not null)
        {
            return false;
        }

        LeftAt = leftAt;
        return true;
    }
}
