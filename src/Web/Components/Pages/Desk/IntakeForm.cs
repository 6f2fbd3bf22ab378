namespace PropertyPlatform.Web.Components.Pages.Desk;

/// <summary>
/// What the clerk types. Nothing is checked here: reception checks the request and its problem details name each
/// failing field, which the form shows next to that field.
/// </summary>
public sealed class IntakeForm
{
    public string? EstateId { get; set; }

    /// <summary>Empty: a common area.</summary>
    public string? UnitId { get; set; } = "";

    public string? Channel { get; set; } = "Phone";

    public string? Category { get; set; } = "Repair";

    public string? Urgency { get; set; } = "Normal";

    public string? Description { get; set; }

    public string? RequesterName { get; set; }

    public string? RequesterPhone { get; set; }
}
