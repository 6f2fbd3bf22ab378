using System.Net;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// A service's answer: the value, or what went wrong as the service's problem details said it (field errors by the
/// request's field names, a 403/404 as a plain outcome the page words for people).
/// </summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode Status, string? Title, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    /// <summary>The problem's detail: the one sentence about this occurrence (a 409's clash), in the user's language when the service has it.</summary>
    public string? Detail { get; init; }

    public bool Succeeded => (int)Status is >= 200 and < 300 && Value is not null;

    /// <summary>Not there, or not the caller's to see: both are shown the same way.</summary>
    public bool IsNotFoundOrForbidden => Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden;

    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var errors) ? string.Join(" ", errors) : null;
}
