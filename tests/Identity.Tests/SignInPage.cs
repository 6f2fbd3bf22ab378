using System.Globalization;
using System.Resources;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using PropertyPlatform.Identity.Pages;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Tests;

/// <summary>A sign-in page as a browser reads it, and the text the pages should show in each language.</summary>
public sealed class SignInPage(IHtmlDocument document)
{
    public const string English = "en";
    public const string Chinese = "zh-Hans";

    private static readonly ResourceManager Resources = new(typeof(SignInText).FullName!, typeof(SignInText).Assembly);

    public IHtmlDocument Document { get; } = document;

    public string Language => Document.DocumentElement.GetAttribute("lang") ?? "";

    public string Heading => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

    public string? Alert => Document.QuerySelector("[role=alert]")?.TextContent.Trim();

    public string? Status => Document.QuerySelector("[role=status]")?.TextContent.Trim();

    public string HiddenField(string name) => Document.QuerySelector($"input[type=hidden][name='{name}']")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No hidden field {name}.");

    public IElement Input(string name) => Document.QuerySelector($"input[name='{name}']:not([type=hidden])")
        ?? throw new InvalidOperationException($"No field {name}.");

    /// <summary>The label tied to the field by for/id, as a screen reader announces it.</summary>
    public string LabelOf(string name)
    {
        var id = Input(name).Id;
        return string.IsNullOrEmpty(id) ? "" : Document.QuerySelector($"label[for='{id}']")?.TextContent.Trim() ?? "";
    }

    /// <summary>The text of the elements the field's aria-describedby names, in order.</summary>
    public IReadOnlyList<string> DescriptionsOf(string name) =>
        [.. (Input(name).GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => Document.GetElementById(id)?.TextContent.Trim() ?? $"(no element #{id})")];

    public string LanguageLink(string culture) =>
        Document.QuerySelector($"nav a[hreflang='{culture}']")?.GetAttribute("href") ?? throw new InvalidOperationException($"No link to {culture}.");

    /// <summary>Starts an owner-app authorization: the login page the browser is sent to, with the pending request as ReturnUrl.</summary>
    public static async Task<string> PendingLoginUrlAsync(HttpClient browser, CancellationToken cancellationToken)
    {
        var authorize = await browser.GetAsync(
            $"/connect/authorize?client_id={PlatformClients.OwnerApp}&response_type=code&scope=openid&state=s1"
            + $"&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=S256&redirect_uri={Uri.EscapeDataString(IdentityService.OwnerAppRedirectUri)}",
            cancellationToken);
        authorize.Headers.Location!.AbsolutePath.Should().Be("/account/login");
        return authorize.Headers.Location.PathAndQuery;
    }

    public static async Task<SignInPage> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        new(await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(cancellationToken), cancellationToken));

    /// <summary>The page's text for <paramref name="key"/> in <paramref name="culture"/>, formatted as the page formats it.</summary>
    public static string Text(string key, string culture, params object[] arguments)
    {
        var format = Resources.GetString(key, CultureInfo.GetCultureInfo(culture)) ?? throw new InvalidOperationException($"No text {key}.");
        return string.Format(CultureInfo.GetCultureInfo(culture), format, arguments);
    }
}
