using System.Globalization;
using Microsoft.Extensions.Localization;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Resources;

namespace PropertyPlatform.Web.Components.Pages.Training;

/// <summary>
/// The month's attendance sheet as hr-training's XLSX workbook, handed on through <see cref="GatewayDownload"/>.
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

    private static Task<IResult> DownloadAsync(
        Guid estate, string month, HttpContext context, IHttpClientFactory clients, IStringLocalizer<SharedResource> texts, CancellationToken cancellationToken) =>
        GatewayDownload.GetAsync(context, clients, $"/api/hr-training/attendance/sheets?estateId={estate}&month={Uri.EscapeDataString(month)}&format=xlsx",
            (response, workbook) => TypedResults.File(workbook, response.Content.Headers.ContentType?.ToString(), $"attendance-{month}.xlsx"),
            cancellationToken,
            // Another estate's sheet, or a month hr-training refuses: said plainly, never the service's internals.
            refused: response => TypedResults.Text(response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden
                ? texts["NotYours"] : texts["SomethingWentWrong"], "text/plain; charset=utf-8", statusCode: (int)response.StatusCode));
}
