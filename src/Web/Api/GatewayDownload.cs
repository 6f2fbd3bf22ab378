using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// A file a service serves (a receipt, a photo, a workbook), passed on to the browser: the access token stays on this
/// server, so the file is fetched through the gateway here as the signed-in user. A refusal passes on as its status
/// only (or as <c>refused</c> says it), never the service's details; a lost session goes back to sign-in and then to
/// the same address.
/// </summary>
public static class GatewayDownload
{
    public static async Task<IResult> GetAsync(
        HttpContext context, IHttpClientFactory clients, string path, Func<HttpResponseMessage, byte[], IResult> file, CancellationToken cancellationToken,
        Func<HttpResponseMessage, IResult>? refused = null)
    {
        // The gateway client's own HttpClient, with the handler that adds the user's token.
        var http = clients.CreateClient(nameof(GatewayClient));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Options.Set(BearerTokenHandler.User, context.User);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return refused?.Invoke(response) ?? TypedResults.StatusCode((int)response.StatusCode);
            }

            return file(response, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (SessionLostException)
        {
            return TypedResults.Redirect($"/signin?returnUrl={Uri.EscapeDataString(SignInEndpoints.LocalOnly(context.Request.Path + context.Request.QueryString))}");
        }
    }
}
