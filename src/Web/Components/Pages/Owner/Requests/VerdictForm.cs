namespace PropertyPlatform.Web.Components.Pages.Owner.Requests;

/// <summary>Why the owner rejects the repair; maintenance requires it for a rejection only.</summary>
public sealed class VerdictForm
{
    public string? Reason { get; set; }
}
