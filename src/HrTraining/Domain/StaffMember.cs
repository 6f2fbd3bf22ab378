using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Domain;

public enum EmploymentStatus
{
    Active,
    Ended,
}

/// <summary>
/// A person's employment file, keyed by their identity account id. <see cref="EstateId"/> is the home estate;
/// <see cref="EstateIds"/> every estate they work in (the home estate among them), which is where the file is visible.
/// Access (roles, the estates a person may see in the apps) stays with identity.
/// </summary>
public sealed class StaffMember : IEstateOwned
{
    private StaffMember()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Position { get; private set; } = "";

    public string[] Trades { get; private set; } = [];

    /// <summary>The department the person belongs to (front desk, maintenance, security, cleaning...): how the attendance ranking groups people.</summary>
    public string? Department { get; private set; }

    public Guid[] EstateIds { get; private set; } = [];

    public DateOnly StartsOn { get; private set; }

    public EmploymentStatus Status { get; private set; }

    public DateOnly? LastDay { get; private set; }

    public string? EndReason { get; private set; }

    public DateTimeOffset HiredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>PostgreSQL's row version: two people changing one file at once cannot both win silently.</summary>
    public uint Version { get; private set; }

    public bool IsActive => Status == EmploymentStatus.Active;

    public static StaffMember Hire(
        Guid staffId, Guid homeEstateId, string displayName, string position, string[] trades, Guid[] estateIds, DateOnly startsOn, DateTimeOffset now,
        string? department = null) =>
        new()
        {
            Id = staffId,
            EstateId = homeEstateId,
            DisplayName = displayName,
            Position = position,
            Trades = trades,
            Department = department,
            EstateIds = estateIds,
            StartsOn = startsOn,
            Status = EmploymentStatus.Active,
            HiredAt = now,
            UpdatedAt = now,
        };

    public bool WorksIn(Guid estateId) => EstateIds.Contains(estateId);

    /// <summary>Replaces position, trades and estates; an ended employment is closed to changes.</summary>
    public bool Change(
        Guid homeEstateId, string displayName, string position, string[] trades, Guid[] estateIds, DateTimeOffset now, string? department = null)
    {
        if (!IsActive)
        {
            return false;
        }

        EstateId = homeEstateId;
        DisplayName = displayName;
        Position = position;
        Trades = trades;
        Department = department;
        EstateIds = estateIds;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Still employed, with a last day recorded that is not over yet: the employment ends once it is.</summary>
    public bool IsEnding => IsActive && LastDay is not null;

    /// <summary>
    /// Records a last day still to come: the person stays employed (and may work) until it is over in the estate, when
    /// the employment ends (<see cref="End"/>). A later call sets another last day; an ended employment cannot.
    /// </summary>
    public bool EndOn(DateOnly lastDay, string reason, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return false;
        }

        LastDay = lastDay;
        EndReason = reason;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Whether a recorded last day is over on the estate-local <paramref name="today"/>.</summary>
    public bool EndIsDue(DateOnly today) => IsEnding && LastDay < today;

    /// <summary>Ends the employment at once (identity disables the account); it cannot end twice.</summary>
    public bool End(DateOnly lastDay, string reason, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return false;
        }

        Status = EmploymentStatus.Ended;
        LastDay = lastDay;
        EndReason = reason;
        UpdatedAt = now;
        return true;
    }
}
