using Microsoft.AspNetCore.Authorization;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Components.Layout;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// A payment's receipt as billing prints it (PDF), for the browser, through <see cref="GatewayDownload"/>. The cashier's
/// counter and the owner's bills link here alike: billing decides whose receipt it is (an owner gets only their own units').
/// </summary>
public static class ReceiptDownload
{
    public static string Path(Guid paymentId) => $"receipts/{paymentId}/receipt.pdf";

    public static IEndpointRouteBuilder MapReceiptDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/receipts/{paymentId:guid}/receipt.pdf", DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = Journeys.CashierRoleList + "," + PlatformRoles.Owner });
        return app;
    }

    // Another estate's payment is a 404 at billing; the browser gets the status, never billing's details.
    private static Task<IResult> DownloadAsync(Guid paymentId, HttpContext context, IHttpClientFactory clients, CancellationToken cancellationToken) =>
        GatewayDownload.GetAsync(context, clients, $"/api/billing/payments/{paymentId}/receipt.pdf", (response, pdf) =>
            TypedResults.File(pdf, "application/pdf", response.Content.Headers.ContentDisposition?.FileNameStar
                ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"receipt-{paymentId}.pdf"), cancellationToken);
}
