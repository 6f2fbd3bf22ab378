using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Technician;

/// <summary>
/// What the technician reports when the work is done. Kept as typed: maintenance checks it and names each failing
/// field (<c>labourMinutes</c>, <c>parts[0].quantity</c>...), which the form shows next to that field.
/// </summary>
public sealed class CompletionForm
{
    /// <summary>What maintenance takes: at most 20 photos per completion, 5 MB each.</summary>
    public const int MaxPhotos = 20;

    public const long MaxPhotoBytes = 5 * 1024 * 1024;

    public List<PartLine> Parts { get; } = [];

    public string? LabourMinutes { get; set; }

    public bool TestDone { get; set; }

    public bool SiteCleaned { get; set; }

    public string? Notes { get; set; }

    /// <summary>The photos already uploaded to the order, which the completion names.</summary>
    public List<WorkOrderPhotoView> Photos { get; } = [];

    public sealed class PartLine
    {
        /// <summary>The part's code in the estate's store.</summary>
        public string? Code { get; set; }

        public string? Quantity { get; set; } = "1";
    }
}
