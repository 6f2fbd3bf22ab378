using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class EndpointAuthorizationTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What anyone may call here besides probes and docs: signing in and out (with the pages' language and stylesheet), OpenID Connect, activation.</summary>
    private static readonly string[] AnonymousPrefixes =
    [
        "/account/login", "/account/logout", "/account/activate", "/account/language", "/account/sign-in.css", "/connect/", "/api/identity/activation",
        .. EndpointSweep.PublicPrefixes,
    ];

    [Fact]
    public async Task Every_endpoint_outside_the_allow_list_answers_401_to_an_anonymous_caller()
    {
        var calls = EndpointSweep.Enumerate(identity.Services)
            .Where(call => !AnonymousPrefixes.Any(prefix => call.Path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        calls.Should().Contain(call => call.Path.StartsWith("/api/identity/accounts", StringComparison.Ordinal), "the sweep must see the API");
        calls.Should().Contain(call => call.Path.EndsWith("/activation-code", StringComparison.Ordinal));

        var open = await EndpointSweep.AnsweredWithoutTokenAsync(identity.CreateBrowser(), calls, Ct);

        open.Should().BeEmpty();
    }
}
