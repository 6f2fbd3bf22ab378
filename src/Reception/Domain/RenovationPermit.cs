using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum PermitStatus
{
    Applied,

    /// <summary>Works may go on: the unit is a renovation site, patrolled daily.</summary>
    Approved,
    Rejected,

    /// <summary>The finished works were accepted; the unit is no longer a renovation site.</summary>
    Accepted,
}

/// <summary>
/// A renovation permit: applied for at the front desk (unit, contractor, scope, planned dates, workers), approved or
/// rejected by a supervisor or the manager, inspected during the works, and accepted when finished. While approved the
/// unit's status is <see cref="UnitStatus.Renovating"/>; acceptance puts it back.
/// </summary>
public sealed class RenovationPermit : IEstateOwned
{
    private RenovationPermit()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public string Contractor { get; private set; } = "";

    [PrivateData]
    public string ContractorPhone { get; private set; } = "";

    public string Scope { get; private set; } = "";

    public DateOnly PlannedStart { get; private set; }

    public DateOnly PlannedEnd { get; private set; }

    /// <summary>The workers' names, for their passes at the gate.</summary>
    public List<string> Workers { get; private set; } = [];

    public PermitStatus Status { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public string AppliedBy { get; private set; } = "";

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecisionNote { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public string? AcceptedBy { get; private set; }

    public string? AcceptanceNote { get; private set; }

    /// <summary>The unit's status before the works, restored on acceptance.</summary>
    public UnitStatus? UnitStatusBefore { get; private set; }

    public List<RenovationInspection> Inspections { get; private set; } = [];

    public uint Version { get; private set; }

    /// <summary>Applied for or approved: a unit has at most one such permit.</summary>
    public bool IsActive => Status is PermitStatus.Applied or PermitStatus.Approved;

    public static RenovationPermit Apply(
        Guid estateId, Guid unitId, string contractor, string contractorPhone, string scope, DateOnly plannedStart, DateOnly plannedEnd,
        IEnumerable<string> workers, string appliedBy, DateTimeOffset now)
    {
        if (plannedEnd < plannedStart)
        {
            throw new ArgumentException("The works cannot end before they start.", nameof(plannedEnd));
        }

        return new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            UnitId = unitId,
            Contractor = contractor,
            ContractorPhone = contractorPhone,
            Scope = scope,
            PlannedStart = plannedStart,
            PlannedEnd = plannedEnd,
            Workers = [.. workers],
            Status = PermitStatus.Applied,
            AppliedAt = now,
            AppliedBy = appliedBy,
        };
    }

    /// <summary>Approves the works: the unit becomes a renovation site.</summary>
    public void Approve(Unit unit, string by, string? note, DateTimeOffset at)
    {
        EnsureStatus(PermitStatus.Applied, "Only an application waiting for a decision can be approved.");
        EnsureUnit(unit);
        Status = PermitStatus.Approved;
        (DecidedAt, DecidedBy, DecisionNote) = (at, by, note);
        UnitStatusBefore = unit.StartRenovation();
    }

    public void Reject(string by, string reason, DateTimeOffset at)
    {
        EnsureStatus(PermitStatus.Applied, "Only an application waiting for a decision can be rejected.");
        Status = PermitStatus.Rejected;
        (DecidedAt, DecidedBy, DecisionNote) = (at, by, reason);
    }

    /// <summary>An inspection during the works (approved permits only).</summary>
    public RenovationInspection Inspect(bool passed, string findings, string by, DateTimeOffset at)
    {
        EnsureStatus(PermitStatus.Approved, "Only approved works in progress are inspected.");
        var inspection = new RenovationInspection(Guid.CreateVersion7(at), EstateId, Id, at, by, passed, findings);
        Inspections.Add(inspection);
        return inspection;
    }

    /// <summary>
    /// Accepts the finished works and gives the unit back its status. Not while the latest inspection failed: that one is
    /// put right and inspected again first.
    /// </summary>
    public void Accept(Unit unit, string by, string note, DateTimeOffset at)
    {
        EnsureStatus(PermitStatus.Approved, "Only approved works can be accepted.");
        EnsureUnit(unit);
        if (Inspections.MaxBy(i => i.At) is { Passed: false })
        {
            throw new ConflictException("The latest inspection failed: inspect again once it is put right, then accept.");
        }

        Status = PermitStatus.Accepted;
        (AcceptedAt, AcceptedBy, AcceptanceNote) = (at, by, note);
        unit.EndRenovation(UnitStatusBefore ?? UnitStatus.Occupied);
    }

    private void EnsureStatus(PermitStatus expected, string message)
    {
        if (Status != expected)
        {
            throw new ConflictException($"{message} This permit is {Status}.");
        }
    }

    private void EnsureUnit(Unit unit)
    {
        if (unit.Id != UnitId)
        {
            throw new ArgumentException("The permit is for another unit.", nameof(unit));
        }
    }
}

/// <summary>An inspection of renovation works in progress: passed or not, what was found, by whom.</summary>
public sealed class RenovationInspection : IEstateOwned
{
    internal RenovationInspection(Guid id, Guid estateId, Guid permitId, DateTimeOffset at, string by, bool passed, string findings)
    {
        Id = id;
        EstateId = estateId;
        PermitId = permitId;
        At = at;
        By = by;
        Passed = passed;
        Findings = findings;
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid PermitId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string By { get; private set; }

    public bool Passed { get; private set; }

    public string Findings { get; private set; }
}
