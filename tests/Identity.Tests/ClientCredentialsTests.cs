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
        var tokens = await TokenSet.ReadAsync(await RequestAsync(PlatformAudiences.Maintenance, "maintenance-test-secret", "reception"), Ct);

        var claims = Jwt.Claims(tokens.AccessToken);
        claims["sub"].Should().Equal(PlatformAudiences.Maintenance);
        claims["role"].Should().Equal(PlatformRoles.Service);
        claims["aud"].Should().Equal(PlatformAudiences.Reception);
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
        var response = await RequestAsync(PlatformAudiences.SecurityGate, "anything", "reception");

        (await AuthorizationCodeFlowTests.Error(response)).Should().Be("invalid_client");
    }

    /// <summary>Who calls whom over gRPC/HTTP with a service token: the only pairs that get one.</summary>
    private static readonly (string Client, string Audience)[] CallsThatExist =
    [
        (PlatformAudiences.Billing, PlatformAudiences.Reception),
        (PlatformAudiences.Maintenance, PlatformAudiences.Reception),
        (PlatformAudiences.Identity, PlatformAudiences.Reception),
    ];

    private static readonly string[] ClientsWithSecrets =
    [
        PlatformAudiences.Reception, PlatformAudiences.Maintenance, PlatformAudiences.Billing, PlatformAudiences.HrTraining,
        PlatformAudiences.Identity, PlatformClients.Operations,
    ];

    public static TheoryData<string, string> ForbiddenPairs() =>
        new(ClientsWithSecrets.SelectMany(client => PlatformAudiences.All.Select(audience => (client, audience))).Except(CallsThatExist));

    public static TheoryData<string, string> AllowedPairs() => new(CallsThatExist);

    [Theory]
    [MemberData(nameof(ForbiddenPairs))]
    public async Task A_service_client_cannot_get_a_token_for_an_audience_it_does_not_call(string client, string audience)
    {
        var response = await RequestAsync(client, $"{client}-test-secret", audience);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{client} never calls {audience}");
        (await AuthorizationCodeFlowTests.Error(response)).Should().BeOneOf("invalid_scope", "invalid_request");
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public async Task A_service_client_gets_a_token_for_an_audience_it_calls(string client, string audience)
    {
        var tokens = await TokenSet.ReadAsync(await RequestAsync(client, $"{client}-test-secret", audience), Ct);

        Jwt.Claims(tokens.AccessToken)["aud"].Should().Equal(audience);
    }
}
