using System.Net.Http.Headers;
using System.Security.Claims;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// Adds the signed-in user's access token to each call to the gateway. The user travels with the request
/// (<see cref="User"/>): the handler lives in a scope of its own, outside the page's request or circuit.
/// </summary>
public sealed class BearerTokenHandler(SessionTokens tokens) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<ClaimsPrincipal> User = new("propertyplatform.user");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(User, out var user))
        {
            throw new InvalidOperationException("A call to the gateway names the user it is made for.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.AccessTokenAsync(user, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
