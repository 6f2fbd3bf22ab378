namespace PropertyPlatform.ServiceDefaults.Http;

/// <summary>Every service's reports answer as JSON (the default) or, with <c>format=xlsx</c>, as an XLSX workbook.</summary>
public static class ReportFormat
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Whether <paramref name="format"/> asks for a workbook: <c>json</c> or none is false, anything else a field error.</summary>
    public static bool WantsXlsx(this InputErrors errors, string? format, string field = "format")
    {
        switch (format?.ToLowerInvariant())
        {
            case null or "json":
                return false;
            case "xlsx":
                return true;
            default:
                errors.Add(field, "Must be json or xlsx.");
                return false;
        }
    }
}
