using System.Globalization;
using Microsoft.Extensions.Localization;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Resources;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Components.Pages.Training;

/// <summary>
/// The month's attendance sheet as hr-training's XLSX workbook. The browser holds no token, so the web server fetches
/// the file through the gateway as the signed-in user and hands it on.
/// </summary>
public static class AttendanceSheetDownload
{
    private const string Path = "/training/attendance-sheet.xlsx";

    public static string Link(Guid estateId, string month) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path.TrimStart('/')}?estate={estateId}&month={Uri.EscapeDataString(month)}");

    public static IEndpointRouteBuilder MapAttendanceSheetDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, DownloadAsync).RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Trainer));
        return app;
    }

    private static async Task<IResult> DownloadAsync(
        Guid estate, string month, HttpContext context, IHttpClientFactory clients, IStringLocalizer<SharedResource> texts, CancellationToken cancellationToken)
    {
        var gateway = clients.CreateClient(nameof(GatewayClient));
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/api/hr-training/attendance/sheets?estateId={estate}&month={Uri.EscapeDataString(month)}&format=xlsx");
        request.Options.Set(BearerTokenHandler.User, context.User);
        try
        {
            using var response = await gateway.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // Another estate's sheet, or a month hr-training refuses: said plainly, never the service's internals.
                return TypedResults.Text(response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden
                    ? texts["NotYours"] : texts["SomethingWentWrong"], "text/plain; charset=utf-8", statusCode: (int)response.StatusCode);
            }

            var workbook = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return TypedResults.File(workbook, response.Content.Headers.ContentType?.ToString(), $"attendance-{month}.xlsx");
        }
        catch (SessionLostException)
        {
            return TypedResults.Redirect($"/signin?returnUrl={Uri.EscapeDataString(SignInEndpoints.LocalOnly(context.Request.Path + context.Request.QueryString))}");
        }
    }
}
