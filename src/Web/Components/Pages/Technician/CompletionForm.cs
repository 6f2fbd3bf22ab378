namespace PropertyPlatform.Web.Components.Pages.Technician;

/// <summary>
/// What the technician reports when the work is done. Kept as typed: maintenance checks it and names each failing
/// field (<c>labourMinutes</c>, <c>parts[0].quantity</c>...), which the form shows next to that field.
/// </summary>
public sealed class CompletionForm
{
    public List<PartLine> Parts { get; } = [];

    public string? LabourMinutes { get; set; }

    public bool TestDone { get; set; }

    public bool SiteCleaned { get; set; }

    public string? Notes { get; set; }

    public sealed class PartLine
    {
        /// <summary>The part's code in the estate's store.</summary>
        public string? Code { get; set; }

        public string? Quantity { get; set; } = "1";
    }
}
