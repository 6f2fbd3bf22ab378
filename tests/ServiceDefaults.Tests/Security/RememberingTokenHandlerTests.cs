using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.ServiceDefaults.Tests.Security;

/// <summary>A token validated once is taken on trust again only while everything its full check found still holds.</summary>
public sealed class RememberingTokenHandlerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RememberingTokenHandler _handler;

    public RememberingTokenHandlerTests() => _handler = new RememberingTokenHandler(_time) { MapInboundClaims = false };

    public void Dispose() => _handler.Dispose();

    private static TokenValidationParameters Parameters(params SecurityKey[] keys) => new()
    {
        ValidIssuer = TestTokens.Issuer,
        ValidAudience = PlatformAudiences.Reception,
        ValidTypes = ["at+jwt"],
        IssuerSigningKeys = keys.Length > 0 ? keys : TestTokens.Configuration.SigningKeys,
        NameClaimType = PlatformClaims.Name,
        RoleClaimType = PlatformClaims.Role,
    };

    private static string Token(TimeSpan? lifetime = null) =>
        TestTokens.Create(TestCaller.Clerk(Guid.NewGuid()), PlatformAudiences.Reception, lifetime);

    [Fact]
    public async Task The_same_token_again_is_accepted_from_what_its_first_check_found_without_reading_it_again()
    {
        var token = Token();

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var again = await _handler.ValidateTokenAsync(token, Parameters());

        first.IsValid.Should().BeTrue();
        again.IsValid.Should().BeTrue();
        again.SecurityToken.Should().BeSameAs(first.SecurityToken, "a token read again would be a new object");
        again.ClaimsIdentity.Name.Should().Be(first.ClaimsIdentity.Name).And.NotBeNullOrEmpty();
        again.ClaimsIdentity.FindFirst(PlatformClaims.Subject)!.Value.Should().Be(first.ClaimsIdentity.FindFirst(PlatformClaims.Subject)!.Value);
        again.ClaimsIdentity.FindAll(PlatformClaims.Estate).Should().ContainSingle();
    }

    [Fact]
    public async Task Keys_as_identity_publishes_them_json_web_keys_from_its_discovery_document_are_remembered_too()
    {
        var token = Token();
        var published = JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)TestTokens.Configuration.SigningKeys.Single());

        var first = await _handler.ValidateTokenAsync(token, Parameters(published));
        var again = await _handler.ValidateTokenAsync(token, Parameters(published));

        first.IsValid.Should().BeTrue();
        again.SecurityToken.Should().BeSameAs(first.SecurityToken);
    }

    /// <summary>As JwtBearer validates with identity's discovery document: the keys are read from the configuration manager it hands over.</summary>
    private static TokenValidationParameters FromDiscovery(OpenIdConnectConfiguration discovered)
    {
        var parameters = Parameters();
        parameters.IssuerSigningKeys = null;
        parameters.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(discovered);
        return parameters;
    }

    private static OpenIdConnectConfiguration Discovered()
    {
        var discovered = new OpenIdConnectConfiguration { Issuer = TestTokens.Issuer };
        discovered.SigningKeys.Add(TestTokens.Configuration.SigningKeys.Single());
        return discovered;
    }

    [Fact]
    public async Task A_token_checked_against_the_keys_of_identitys_discovery_document_is_remembered_while_they_still_hold_its_key()
    {
        var token = Token();
        var discovered = Discovered();

        var first = await _handler.ValidateTokenAsync(token, FromDiscovery(discovered));
        var again = await _handler.ValidateTokenAsync(token, FromDiscovery(discovered));
        discovered.SigningKeys.Clear();
        discovered.SigningKeys.Add(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rotated-key" });
        var afterRotation = await _handler.ValidateTokenAsync(token, FromDiscovery(discovered));

        first.IsValid.Should().BeTrue();
        again.SecurityToken.Should().BeSameAs(first.SecurityToken);
        afterRotation.IsValid.Should().BeFalse("the key that signed it is no longer published");
    }

    [Fact]
    public async Task What_one_request_adds_to_its_identity_does_not_show_in_the_next_requests()
    {
        var token = Token();

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        first.ClaimsIdentity.AddClaim(new Claim(PlatformClaims.Role, PlatformRoles.GroupAdmin));
        var second = await _handler.ValidateTokenAsync(token, Parameters());
        second.ClaimsIdentity.AddClaim(new Claim(PlatformClaims.Role, PlatformRoles.GroupAdmin));
        var third = await _handler.ValidateTokenAsync(token, Parameters());

        second.SecurityToken.Should().BeSameAs(first.SecurityToken);
        second.ClaimsIdentity.Should().NotBeSameAs(third.ClaimsIdentity);
        third.ClaimsIdentity.HasClaim(PlatformClaims.Role, PlatformRoles.GroupAdmin).Should().BeFalse();
    }

    [Fact]
    public async Task A_token_past_its_expiry_is_checked_in_full_again_and_refused()
    {
        var token = Token(TimeSpan.FromMinutes(2));
        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.Should().BeTrue();

        // The remembered check ends at the token's expiry; the full check then runs on the real clock, here still
        // before the expiry, so it reads the token anew.
        _time.Advance(TimeSpan.FromMinutes(2));
        var after = await _handler.ValidateTokenAsync(token, Parameters());

        after.IsValid.Should().BeTrue();
        var remembered = await _handler.ValidateTokenAsync(token, Parameters());
        remembered.SecurityToken.Should().NotBeSameAs(after.SecurityToken, "a check at or after the expiry must not remember the token again");
    }

    [Fact]
    public async Task A_token_is_taken_on_trust_for_five_minutes_at_most_then_checked_in_full_again()
    {
        var token = Token(TimeSpan.FromMinutes(15));
        var first = await _handler.ValidateTokenAsync(token, Parameters());

        _time.Advance(RememberingTokenHandler.RememberFor - TimeSpan.FromSeconds(1));
        (await _handler.ValidateTokenAsync(token, Parameters())).SecurityToken.Should().BeSameAs(first.SecurityToken);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await _handler.ValidateTokenAsync(token, Parameters())).SecurityToken.Should().NotBeSameAs(first.SecurityToken);
    }

    [Fact]
    public async Task A_token_whose_signing_key_is_no_longer_trusted_is_refused_at_once()
    {
        var token = Token();
        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.Should().BeTrue();

        var rotated = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "rotated-key" };
        var refused = await _handler.ValidateTokenAsync(token, Parameters(rotated));

        refused.IsValid.Should().BeFalse();
        refused.Exception.Should().BeAssignableTo<SecurityTokenInvalidSignatureException>();
    }

    [Fact]
    public async Task A_key_published_again_as_a_new_object_keeps_the_token_trusted_but_one_with_the_same_id_and_other_material_does_not()
    {
        var token = Token();
        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var published = (RsaSecurityKey)TestTokens.Configuration.SigningKeys.Single();
        var sameKeyAgain = new RsaSecurityKey(published.Rsa.ExportParameters(false)) { KeyId = published.KeyId };
        var otherWithSameId = new RsaSecurityKey(RSA.Create(2048)) { KeyId = published.KeyId };

        (await _handler.ValidateTokenAsync(token, Parameters(sameKeyAgain))).SecurityToken.Should().BeSameAs(first.SecurityToken);
        (await _handler.ValidateTokenAsync(token, Parameters(otherWithSameId))).IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task A_token_changed_after_a_valid_copy_was_seen_is_checked_in_full_and_refused()
    {
        var clerkEstate = Guid.NewGuid();
        var token = TestTokens.Create(TestCaller.Clerk(clerkEstate), PlatformAudiences.Reception);
        (await _handler.ValidateTokenAsync(token, Parameters())).IsValid.Should().BeTrue();

        var tampered = TestTokens.Tamper(token, clerkEstate.ToString(), Guid.NewGuid().ToString());
        var refused = await _handler.ValidateTokenAsync(tampered, Parameters());

        refused.IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered()
    {
        var forged = TestTokens.Create(TestCaller.Clerk(Guid.NewGuid()), PlatformAudiences.Reception, signingKey: TestTokens.ForeignKey());

        (await _handler.ValidateTokenAsync(forged, Parameters())).IsValid.Should().BeFalse();
        (await _handler.ValidateTokenAsync(forged, Parameters())).IsValid.Should().BeFalse();
    }
}
