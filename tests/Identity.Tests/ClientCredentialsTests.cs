using System.Net;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class ClientCredentialsTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> RequestAsync(string clientId, string secret, string scope) =>
        identity.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }), Ct);

    [Fact]
    public async Task A_service_client_gets_a_service_token_for_the_requested_audience_only()
    {
        var tokens = await TokenSet.ReadAsync(await RequestAsync(PlatformAudiences.Reception, "reception-test-secret", "maintenance"), Ct);

        var claims = Jwt.Claims(tokens.AccessToken);
        claims["sub"].Should().Equal(PlatformAudiences.Reception);
        claims["role"].Should().Equal(PlatformRoles.Service);
        claims["aud"].Should().Equal(PlatformAudiences.Maintenance);
        tokens.RefreshToken.Should().BeNull();
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        var response = await RequestAsync(PlatformAudiences.Reception, "not-the-secret", "maintenance");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await AuthorizationCodeFlowTests.Error(response)).Should().Be("invalid_client");
    }

    [Fact]
    public async Task A_client_cannot_request_a_scope_it_is_not_permitted()
    {
        var response = await RequestAsync(PlatformClients.Operations, "ops-tooling-test-secret", "openid offline_access");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AuthorizationCodeFlowTests.Error(response)).Should().BeOneOf("invalid_scope", "invalid_request");
    }

    [Fact]
    public async Task A_client_without_a_configured_secret_is_not_registered()
    {
        var response = await RequestAsync(PlatformAudiences.Billing, "anything", "maintenance");

        (await AuthorizationCodeFlowTests.Error(response)).Should().Be("invalid_client");
    }
}
