using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.ServiceDefaults.Problems;

/// <summary>
/// The error page of an app people open in a browser (the web). Problem details suit programs; a browser shows them as
/// bare text, and Blazor's enhanced navigation, which asks for HTML only, as "Error: 500". So a failure while answering a
/// request for HTML re-executes <see cref="Path"/>, and an error status with no body (an unknown page's 404)
/// re-executes <c>{Path}/{status}</c>; requests that do not ask for HTML keep problem details.
/// </summary>
public sealed record HtmlErrorPage(string Path)
{
    public string StatusPathFormat => Path + "/{0}";

    /// <summary>Whether the caller asked for HTML by name (a browser's navigation, Blazor's fetch), not just <c>*/*</c>.</summary>
    public static bool IsWantedBy(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}

public static class HtmlErrorPageServiceCollectionExtensions
{
    /// <summary>Makes <paramref name="path"/> the app's error page (see <see cref="HtmlErrorPage"/>); MapDefaultEndpoints wires it.</summary>
    public static IServiceCollection AddHtmlErrorPage(this IServiceCollection services, string path) =>
        services.AddSingleton(new HtmlErrorPage(path));
}
