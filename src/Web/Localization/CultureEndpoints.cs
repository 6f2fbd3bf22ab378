using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Localization;

/// <summary>Chinese or English: the choice is kept in the culture cookie, and every page reads it first.</summary>
public static class CultureEndpoints
{
    public static readonly string[] Supported = ["zh-CN", "en"];

    public const string Default = "zh-CN";

    public static IHostApplicationBuilder AddWebLocalization(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options => options
            .SetDefaultCulture(Default)
            .AddSupportedCultures(Supported)
            .AddSupportedUICultures(Supported));
        return builder;
    }

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapPost("/culture", ([FromForm] string? culture, [FromForm] string? returnUrl, HttpContext http) =>
            {
                if (culture is not null && Supported.Contains(culture))
                {
                    http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                        new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
                }

                return TypedResults.LocalRedirect(SignInEndpoints.LocalOnly(returnUrl));
            })
            .AllowAnonymous()
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }
}
