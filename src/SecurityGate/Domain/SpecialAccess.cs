using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

public enum SpecialVehicleKind
{
    Moving,
    Construction,
    Delivery,
}

/// <summary>A moving truck, construction vehicle or delivery registered in advance for a time window: the gate lets it in within it.</summary>
public sealed class SpecialVehicle : IUnitScoped
{
    private SpecialVehicle()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The unit it serves (a move, a renovation); null for the estate itself.</summary>
    public Guid? UnitId { get; private set; }

    public string Plate { get; private set; } = "";

    public SpecialVehicleKind Kind { get; private set; }

    public string Company { get; private set; } = "";

    public DateTimeOffset ValidFrom { get; private set; }

    public DateTimeOffset ValidUntil { get; private set; }

    public string RegisteredBy { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public static SpecialVehicle Register(
        Guid estateId, Guid? unitId, string plate, SpecialVehicleKind kind, string company, DateTimeOffset from, DateTimeOffset until, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        Plate = plate,
        Kind = kind,
        Company = company,
        ValidFrom = from,
        ValidUntil = until,
        RegisteredBy = by,
        RegisteredAt = at,
    };

    public bool ValidAt(DateTimeOffset at) => ValidFrom <= at && at <= ValidUntil;
}

/// <summary>
/// A unit under renovation, from reception: its contractor's workers hold passes for the planned days
/// (<c>RenovationPermitApproved</c>) until the works are accepted (<c>RenovationAccepted</c>), whichever event arrives first.
/// </summary>
public sealed class RenovationSite : IUnitScoped
{
    private RenovationSite()
    {
    }

    public Guid PermitId { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public string Contractor { get; private set; } = "";

    public List<string> Workers { get; private set; } = [];

    public DateOnly? PlannedStart { get; private set; }

    public DateOnly? PlannedEnd { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public static RenovationSite Unknown(Guid permitId, Guid estateId, Guid unitId) => new() { PermitId = permitId, EstateId = estateId, UnitId = unitId };

    public void Approved(string contractor, IEnumerable<string> workers, DateOnly start, DateOnly end)
    {
        Contractor = contractor;
        Workers = [.. workers.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct()];
        PlannedStart = start;
        PlannedEnd = end;
    }

    public void Accepted(DateTimeOffset at) => AcceptedAt ??= at;

    /// <summary>Why <paramref name="worker"/> may not enter on the estate-local <paramref name="today"/>, or null when they may.</summary>
    public string? RefusalFor(string worker, DateOnly today) =>
        AcceptedAt is not null ? "The renovation was accepted: the workers' passes have ended."
        : PlannedStart is null ? "The renovation permit has not reached the gate."
        : !Workers.Contains(worker.Trim(), StringComparer.OrdinalIgnoreCase) ? "Not a worker named on the renovation permit."
        : today < PlannedStart || today > PlannedEnd ? $"The works are planned {PlannedStart:yyyy-MM-dd} to {PlannedEnd:yyyy-MM-dd}."
        : null;
}
