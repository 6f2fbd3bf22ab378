using System.Net;
using System.Text.Json;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class AuthorizationCodeFlowTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_code_flow_gives_a_signed_access_token_with_roles_estates_units_trades_and_the_requested_audiences()
    {
        var estate = Guid.NewGuid();
        var unit = Guid.NewGuid();
        var account = await identity.CreateAccountAsync(
            [PlatformRoles.Technician, PlatformRoles.Owner], [estate], units: [unit], trades: ["plumbing", "electrical"]);

        var tokens = await identity.SignInAsync(account, Ct, "openid", "profile", "offline_access", "reception", "maintenance");

        tokens.AccessToken.Split('.').Should().HaveCount(3, "access tokens are signed JWTs, not encrypted (JWE has five parts)");
        var claims = Jwt.Claims(tokens.AccessToken);
        claims["sub"].Should().Equal(account.Id.ToString());
        claims["name"].Should().Equal(account.DisplayName);
        claims["role"].Should().BeEquivalentTo([PlatformRoles.Technician, PlatformRoles.Owner]);
        claims["estate"].Should().Equal(estate.ToString());
        claims["unit"].Should().Equal(unit.ToString());
        claims["trade"].Should().BeEquivalentTo(["plumbing", "electrical"]);
        claims["aud"].Should().BeEquivalentTo(["reception", "maintenance"]);
        claims["client_id"].Should().Equal(PlatformClients.WebConsole);

        tokens.RefreshToken.Should().NotBeNullOrEmpty();
        var idClaims = Jwt.Claims(tokens.IdentityToken!);
        idClaims["sub"].Should().Equal(account.Id.ToString());
        idClaims["role"].Should().BeEquivalentTo([PlatformRoles.Technician, PlatformRoles.Owner]);
        idClaims.Should().NotContainKey("estate");
    }

    [Fact]
    public async Task A_token_request_without_the_code_verifier_is_refused()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var flow = IdentityService.Flow(identity.CreateBrowser(), account.UserName!);
        var grant = await flow.AuthorizeAsync(Ct);

        var response = await flow.RedeemAsync(grant.Code, codeVerifier: null, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Error(response)).Should().BeOneOf("invalid_request", "invalid_grant");
    }

    [Fact]
    public async Task An_authorization_request_without_a_code_challenge_is_refused()
    {
        var browser = identity.CreateBrowser();

        var response = await browser.GetAsync(
            $"/connect/authorize?client_id=web-console&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(IdentityService.WebConsoleRedirectUri)}",
            Ct);

        response.Headers.Location?.ToString().Should().Contain("error=invalid_request");
    }

    [Fact]
    public async Task The_password_grant_is_refused()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);

        var response = await identity.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = PlatformClients.WebConsole,
            ["username"] = account.UserName!,
            ["password"] = IdentityService.Password,
            ["scope"] = "openid",
        }), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Error(response)).Should().BeOneOf("unsupported_grant_type", "unauthorized_client");
    }

    [Fact]
    public async Task Discovery_advertises_code_with_pkce_refresh_and_client_credentials_only()
    {
        using var discovery = JsonDocument.Parse(await identity.CreateBrowser().GetStringAsync("/.well-known/openid-configuration", Ct));
        var grants = discovery.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();

        grants.Should().BeEquivalentTo(["authorization_code", "refresh_token", "client_credentials"]);
        discovery.RootElement.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()).Should().Contain("S256");
        (await identity.CreateBrowser().GetAsync(discovery.RootElement.GetProperty("jwks_uri").GetString(), Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    internal static async Task<string?> Error(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
    }
}
