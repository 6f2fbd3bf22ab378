using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Training;
using PropertyPlatform.Web.Localization;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web;

/// <summary>The staff console and the owners' portal: Blazor on the server, signed in through identity, calling the gateway.</summary>
public static class WebExtensions
{
    public static WebApplicationBuilder AddWebApp(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(WebSettings.Section).Get<WebSettings>() ?? new WebSettings();
        builder.Services.Configure<WebSettings>(builder.Configuration.GetSection(WebSettings.Section));
        builder.AddWebAuthentication(settings);
        builder.AddWebLocalization();
        // People, not programs, call the web: a failed page or an unknown address shows Pages/Errors/Error.razor.
        builder.Services.AddHtmlErrorPage("/error");

        builder.Services.AddTransient<BearerTokenHandler>();
        builder.Services.AddSingleton<FormDrafts>();
        builder.Services.AddHttpClient<GatewayClient>(http => http.BaseAddress = new Uri(GatewayClient.GatewayAddress))
            .AddHttpMessageHandler<BearerTokenHandler>();

        // The component library's styles and scripts come from its package: served from the build output in every
        // environment the AppHost runs (Development and Testing alike), from the published folder once published.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        return builder;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseAntiforgery();
        // A page's garbled query id is the not-found page (or dropped), not Blazor's 500.
        app.UseGarbledQueryIds();
        app.MapStaticAssets().AllowAnonymous();
        app.MapSignIn();
        app.MapCultureSwitch();
        app.MapReceiptDownload();
        app.MapPhotoDownloads();
        app.MapAttendanceSheetDownload();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
