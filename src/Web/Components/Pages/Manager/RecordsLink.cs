using System.Globalization;

namespace PropertyPlatform.Web.Components.Pages.Manager;

/// <summary>
/// A KPI's link to its records, as the drill-down page may call it: a path of a service's API on the gateway, nothing
/// else (the link comes from the page's address, so it is checked before the user's token goes anywhere with it).
/// </summary>
public static class RecordsLink
{
    public const int PageSize = 25;

    public static bool IsServicePath(string? link) =>
        link is not null && link.StartsWith("/api/", StringComparison.Ordinal) && !link.Contains("..", StringComparison.Ordinal)
        && !link.Contains("//", StringComparison.Ordinal) && !link.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(link, UriKind.Relative);

    /// <summary>One page of the records: <see cref="PageSize"/> at a time, from <paramref name="cursor"/> on (keyset paging; lists ignore neither, reports ignore both).</summary>
    public static string Page(string link, string? cursor) =>
        link + (link.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Create(CultureInfo.InvariantCulture, $"limit={PageSize}")
        + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
}
