using System.Security.Cryptography;
using PropertyPlatform.SecurityGate.Domain;

namespace PropertyPlatform.SecurityGate.Tests.Domain;

public sealed class PassVerificationTests
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static PassClaims Claims(DateTimeOffset? from = null, DateTimeOffset? until = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), from ?? Now.AddHours(-1), until ?? Now.AddHours(3));

    private static VisitorPass Pass(int maxUses) =>
        VisitorPass.Issue(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "owner", "Zhao Lei", null, Now.AddHours(-1), Now.AddHours(3), maxUses, Now.AddHours(-2));

    [Fact]
    public void A_genuine_pass_within_its_window_verifies_offline_with_the_public_key_alone()
    {
        var claims = Claims();
        var token = PassTokens.Sign(claims, Key);
        using var publicKey = ECDsa.Create(Key.ExportParameters(includePrivateParameters: false));

        var verification = PassTokens.VerifyOffline(token, publicKey, Now);

        verification.IsValid.Should().BeTrue();
        verification.Claims.Should().Be(claims);
    }

    [Fact]
    public void A_tampered_pass_is_refused_as_tampered()
    {
        var token = PassTokens.Sign(Claims(), Key);
        var parts = token.Split('.');
        var body = parts[1].ToCharArray();
        body[^3] = body[^3] == 'A' ? 'B' : 'A';
        var changedClaims = $"{parts[0]}.{new string(body)}.{parts[2]}";
        var changedSignature = $"{parts[0]}.{parts[1]}.{parts[2][..^2]}AA";

        PassTokens.VerifyOffline(changedClaims, Key, Now).Refusal.Should().Be(PassRefusal.Tampered);
        PassTokens.VerifyOffline(changedSignature, Key, Now).Refusal.Should().Be(PassRefusal.Tampered);
        PassTokens.VerifyOffline("GP1.not-a-pass", Key, Now).Refusal.Should().Be(PassRefusal.Tampered);
        PassTokens.VerifyOffline(Guid.NewGuid().ToString(), Key, Now).Refusal.Should().Be(PassRefusal.Tampered);
    }

    [Fact]
    public void A_pass_signed_with_another_key_is_refused_as_tampered()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        PassTokens.VerifyOffline(PassTokens.Sign(Claims(), forger), Key, Now).Refusal.Should().Be(PassRefusal.Tampered);
    }

    [Fact]
    public void A_pass_after_its_window_is_expired_and_before_it_not_yet_valid()
    {
        var expired = PassTokens.Sign(Claims(Now.AddHours(-5), Now.AddSeconds(-1)), Key);
        var early = PassTokens.Sign(Claims(Now.AddSeconds(1), Now.AddHours(5)), Key);

        PassTokens.VerifyOffline(expired, Key, Now).Refusal.Should().Be(PassRefusal.Expired);
        PassTokens.VerifyOffline(early, Key, Now).Refusal.Should().Be(PassRefusal.NotYetValid);
        PassTokens.VerifySignature(expired, Key).IsValid.Should().BeTrue("the signature is fine; only the time is wrong");
    }

    [Fact]
    public void A_revoked_pass_is_refused_as_revoked()
    {
        var pass = Pass(maxUses: 5);
        pass.Revoke(Now);

        pass.Use().Should().Be(PassRefusal.Revoked);
        pass.Uses.Should().Be(0);
    }

    [Fact]
    public void A_single_use_pass_opens_the_gate_once_then_is_used_up()
    {
        var pass = Pass(maxUses: 1);

        pass.Use().Should().BeNull();
        pass.Use().Should().Be(PassRefusal.UsedUp);
        pass.Uses.Should().Be(1);
    }

    [Fact]
    public void A_multiple_use_pass_opens_the_gate_as_many_times_as_it_allows()
    {
        var pass = Pass(maxUses: 3);

        Enumerable.Range(0, 3).Select(_ => pass.Use()).ToList().Should().AllSatisfy(r => r.Should().BeNull());
        pass.Use().Should().Be(PassRefusal.UsedUp);
    }
}
