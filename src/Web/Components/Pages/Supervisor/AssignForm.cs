namespace PropertyPlatform.Web.Components.Pages.Supervisor;

/// <summary>Who handles a complaint and by when; reception checks it and names each failing field.</summary>
public sealed class AssignForm
{
    public string? Department { get; set; } = "CustomerService";

    public string? ResponsiblePerson { get; set; }

    /// <summary>Working hours to resolve it; empty: reception's default (two working days).</summary>
    public string? DeadlineWorkingHours { get; set; }
}
