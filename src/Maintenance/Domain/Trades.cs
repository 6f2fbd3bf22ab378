namespace PropertyPlatform.Maintenance.Domain;

/// <summary>The technicians' trades, written as hr-training's certifications and rosters name them.</summary>
public static class Trades
{
    public const string Plumbing = "plumbing";
    public const string Electrical = "electrical";
    public const string Hvac = "hvac";
    public const string Elevator = "elevator";
    public const string Civil = "civil";
    public const string General = "general";

    public static readonly IReadOnlyList<string> All = [Plumbing, Electrical, Hvac, Elevator, Civil, General];

    /// <summary>The trade in its canonical form, or null when it is not one; other services may capitalise differently.</summary>
    public static string? Normalize(string? trade)
    {
        var lower = trade?.Trim().ToLowerInvariant();
        return lower is not null && All.Contains(lower) ? lower : null;
    }

    /// <summary>The trade an emergency reported at reception needs first (its kinds are reception's <c>EmergencyKind</c> names).</summary>
    public static string ForEmergency(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "elevatorfailure" => Elevator,
        "burstpipe" or "gasleak" => Plumbing,
        "poweroutage" => Electrical,
        _ => General,
    };
}
