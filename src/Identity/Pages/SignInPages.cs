using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using PropertyPlatform.Identity.Features.Login;
using PropertyPlatform.Identity.Hosting;

namespace PropertyPlatform.Identity.Pages;

/// <summary>
/// What the sign-in pages (login, activation) share: Razor components rendered on the server (no script), English and
/// Chinese from <see cref="SignInText"/>, the reader's language from the culture cookie or Accept-Language, one stylesheet.
/// </summary>
public static class SignInPages
{
    /// <summary>English first: the language when the browser asks for none of these. Each named in itself.</summary>
    public static readonly IReadOnlyList<(string Culture, string Name)> Languages = [("en", "English"), ("zh-Hans", "中文")];

    public const string LanguagePath = "/account/language";

    public static IHostApplicationBuilder AddSignInPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddLocalization();
        // Chinese as characters in the page, not as &#x…; escapes.
        builder.Services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSingleton<Stylesheet>();
        builder.Services.Configure<RequestLocalizationOptions>(localization =>
        {
            string[] languages = [.. Languages.Select(l => l.Culture)];
            localization.SetDefaultCulture(languages[0]).AddSupportedCultures(languages).AddSupportedUICultures(languages);
            // The cookie is the default ASP.NET Core one, so a choice made on the web console (same host behind the
            // gateway) carries over; zh-CN and zh-SG fall back to zh-Hans.
            localization.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary>The pages' language and stylesheet; only the pages under /account are localized, never the APIs.</summary>
    public static WebApplication UseSignInPages(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/account"), pages => pages.UseRequestLocalization());
        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription();
        account.MapGet(Stylesheet.Path, Stylesheet.Serve);
        account.MapGet("/language", ChooseLanguage);
        return app;
    }

    /// <summary>The language link: keeps the choice in the culture cookie and goes back to the page, pending request and all.</summary>
    public static RedirectHttpResult ChooseLanguage(HttpContext http, string? culture, string? returnUrl)
    {
        if (culture is not null && Languages.Any(l => string.Equals(l.Culture, culture, StringComparison.OrdinalIgnoreCase)))
        {
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                new CookieOptions
                {
                    Path = "/",
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                    IsEssential = true,
                });
        }

        return TypedResults.Redirect(LoginApi.IsLocalUrl(returnUrl) ? returnUrl! : AuthServerExtensions.LoginPath);
    }

    /// <summary>The link that shows <paramref name="here"/> in <paramref name="language"/>.</summary>
    public static string LanguageUrl(string language, string here) =>
        LanguagePath + QueryString.Create([KeyValuePair.Create("culture", (string?)language), KeyValuePair.Create("returnUrl", (string?)here)]).ToUriComponent();

    /// <summary>
    /// The pages load only their stylesheet; they are never framed by another site (clickjacking). No form-action: browsers
    /// apply it to the redirects after the post too, and the flow ends at the client's own redirect URI.
    /// </summary>
    public static void Protect(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";
        response.Headers.XFrameOptions = "DENY";
    }
}
