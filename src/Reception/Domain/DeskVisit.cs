using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// A visitor received at the front desk (登记来访信息): who, how to reach them, why, whom or which unit they came to
/// see, when they came and left. Separate from the gate's visitor passes, which security-gate keeps.
/// </summary>
public sealed class DeskVisit : IUnitScoped
{
    private DeskVisit()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The unit visited, if any (a visit to the office itself has none).</summary>
    public Guid? UnitId { get; private set; }

    public string VisitorName { get; private set; } = "";

    [PrivateData]
    public string? VisitorPhone { get; private set; }

    public string Purpose { get; private set; } = "";

    /// <summary>Whom they came to see (a resident, a department, a manager).</summary>
    public string Visiting { get; private set; } = "";

    public DateTimeOffset ArrivedAt { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public uint Version { get; private set; }

    public static DeskVisit Arrive(
        Guid estateId, Guid? unitId, string visitorName, string? visitorPhone, string purpose, string visiting, DateTimeOffset at, string by) => new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            UnitId = unitId,
            VisitorName = visitorName,
            VisitorPhone = visitorPhone,
            Purpose = purpose,
            Visiting = visiting,
            ArrivedAt = at,
            RecordedBy = by,
        };

    public void Leave(DateTimeOffset at)
    {
        if (LeftAt is not null)
        {
            throw new ConflictException($"The visitor left at {LeftAt:u}.");
        }

        LeftAt = at < ArrivedAt ? ArrivedAt : at;
    }
}
