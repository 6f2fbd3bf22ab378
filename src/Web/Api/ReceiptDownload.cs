using Microsoft.AspNetCore.Authorization;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Components.Layout;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// A payment's receipt as billing prints it (PDF), for the browser: the access token stays on this server, so the
/// download goes through here as the signed-in user and passes billing's answer on. The cashier's counter and the owner's
/// bills link here alike: billing decides whose receipt it is (an owner gets only their own units').
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

    private static async Task<IResult> DownloadAsync(Guid paymentId, HttpContext context, IHttpClientFactory clients, CancellationToken cancellationToken)
    {
        // The gateway client's own HttpClient, with the handler that adds the user's token.
        var http = clients.CreateClient(nameof(GatewayClient));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/billing/payments/{paymentId}/receipt.pdf");
        request.Options.Set(BearerTokenHandler.User, context.User);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // Another estate's payment is a 404 at billing; the browser gets the status, never billing's details.
                return TypedResults.StatusCode((int)response.StatusCode);
            }

            var pdf = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return TypedResults.File(pdf, "application/pdf", response.Content.Headers.ContentDisposition?.FileNameStar
                ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"receipt-{paymentId}.pdf");
        }
        catch (SessionLostException)
        {
            return TypedResults.Redirect($"/signin?returnUrl={Uri.EscapeDataString(context.Request.Path)}");
        }
    }
}
