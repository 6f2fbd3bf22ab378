using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

public enum IncidentKind
{
    SafetyHazard,
    FacilityDamage,
    Disturbance,
    Theft,
    Trespass,
    Fire,
    Medical,
    Other,
}

public enum IncidentSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>
/// An incident or hazard the gate recorded. Hazards and damage go to reception (which opens a request, and a repair
/// becomes a work order); an emergency alerts the security supervisor on duty. Handling it closes it.
/// </summary>
public sealed class Incident : IUnitScoped
{
    private Incident()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public IncidentKind Kind { get; private set; }

    public IncidentSeverity Severity { get; private set; }

    public string Location { get; private set; } = "";

    public string Description { get; private set; } = "";

    public bool Emergency { get; private set; }

    public bool NeedsReception { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string ReportedBy { get; private set; } = "";

    public DateTimeOffset ReportedAt { get; private set; }

    public int SupervisorsAlerted { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    public string? HandledBy { get; private set; }

    public string? Resolution { get; private set; }

    public uint Version { get; private set; }

    public static Incident Record(
        Guid estateId, Guid? unitId, IncidentKind kind, IncidentSeverity severity, string location, string description, bool? emergency, bool? needsReception,
        DateTimeOffset occurredAt, string reportedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        UnitId = unitId,
        Kind = kind,
        Severity = severity,
        Location = location,
        Description = description,
        // A fire, a medical case or anything critical is an emergency unless the guard says otherwise.
        Emergency = emergency ?? (severity == IncidentSeverity.Critical || kind is IncidentKind.Fire or IncidentKind.Medical),
        // Hazards and damage need fixing, which is reception's to open; other incidents when the guard asks.
        NeedsReception = needsReception ?? kind is IncidentKind.SafetyHazard or IncidentKind.FacilityDamage,
        OccurredAt = occurredAt,
        ReportedBy = reportedBy,
        ReportedAt = now,
    };

    public void Alerted(int supervisors) => SupervisorsAlerted = supervisors;

    /// <summary>Closes the incident; false when it was handled already.</summary>
    public bool Handle(string resolution, string by, DateTimeOffset at)
    {
        if (HandledAt is not null)
        {
            return false;
        }

        HandledAt = at;
        HandledBy = by;
        Resolution = resolution;
        return true;
    }
}
