namespace PropertyPlatform.Web.Components.Pages.Owner.Requests;

/// <summary>The owner's answers to the callback; reception checks them (a missing score is its field error).</summary>
public sealed class SurveyForm
{
    public string? Attitude { get; set; }

    public string? Quality { get; set; }

    public string? Speed { get; set; }

    public string? Shortcomings { get; set; }

    public string? Suggestions { get; set; }
}
