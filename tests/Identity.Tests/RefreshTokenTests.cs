using System.Net;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class RefreshTokenTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Redeeming_a_refresh_token_rotates_it_and_reusing_the_old_one_revokes_the_new_one_too()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.FrontDeskClerk], [Guid.NewGuid()]);
        var first = await identity.SignInAsync(account, Ct);
        var client = identity.CreateBrowser();

        var second = await TokenSet.ReadAsync(await AuthorizationCodeFlow.RefreshAsync(client, PlatformClients.WebConsole, first.RefreshToken!, Ct), Ct);
        second.RefreshToken.Should().NotBeNullOrEmpty().And.NotBe(first.RefreshToken);
        await Task.Delay(IdentityService.RefreshTokenReuseLeeway + TimeSpan.FromSeconds(1), Ct);

        var reuse = await AuthorizationCodeFlow.RefreshAsync(client, PlatformClients.WebConsole, first.RefreshToken!, Ct);
        reuse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AuthorizationCodeFlowTests.Error(reuse)).Should().Be("invalid_grant");

        var successor = await AuthorizationCodeFlow.RefreshAsync(client, PlatformClients.WebConsole, second.RefreshToken!, Ct);
        successor.StatusCode.Should().Be(HttpStatusCode.BadRequest, "reuse of a redeemed token revokes the whole chain");
        (await AuthorizationCodeFlowTests.Error(successor)).Should().Be("invalid_grant");
    }

    [Fact]
    public async Task Two_parallel_refreshes_with_the_same_refresh_token_both_succeed()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.FrontDeskClerk], [Guid.NewGuid()]);
        var tokens = await identity.SignInAsync(account, Ct);

        var refreshes = await Task.WhenAll(
            AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.WebConsole, tokens.RefreshToken!, Ct),
            AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.WebConsole, tokens.RefreshToken!, Ct));
        var late = await AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.WebConsole, tokens.RefreshToken!, Ct);

        refreshes.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.OK, "a second tab refreshing at the same moment is no theft");
        late.StatusCode.Should().Be(HttpStatusCode.OK, "still within the leeway");
    }
}
