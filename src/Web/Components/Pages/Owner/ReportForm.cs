namespace PropertyPlatform.Web.Components.Pages.Owner;

/// <summary>What an owner reports; reception checks it (its problem details name each failing field).</summary>
public sealed class ReportForm
{
    public string? UnitId { get; set; }

    public string? Category { get; set; } = "Repair";

    public string? Urgency { get; set; } = "Normal";

    public string? Description { get; set; }
}
