using System.Net;
using PropertyPlatform.Identity.Features.Login;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class LoginTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string ReturnTo = "/account/login?ReturnUrl=%2Fconnect%2Fauthorize";

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_generic_answer()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var browser = identity.CreateBrowser();

        var wrongPassword = await AuthorizationCodeFlow.SubmitLoginAsync(browser, ReturnTo, account.UserName!, "Wrong-Pass-2026", Ct);
        var unknownUser = await AuthorizationCodeFlow.SubmitLoginAsync(browser, ReturnTo, IdentityService.UniqueUserName(), "Wrong-Pass-2026", Ct);

        foreach (var response in new[] { wrongPassword, unknownUser })
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await SignInPage.ReadAsync(response, Ct)).Alert.Should().Be(SignInPage.Text("WrongCredentials", SignInPage.English));
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_password_is_refused_while_locked()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var browser = identity.CreateBrowser();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AuthorizationCodeFlow.SubmitLoginAsync(browser, ReturnTo, account.UserName!, "Wrong-Pass-2026", Ct);
        }

        var right = await AuthorizationCodeFlow.SubmitLoginAsync(browser, ReturnTo, account.UserName!, IdentityService.Password, Ct);

        right.StatusCode.Should().Be(HttpStatusCode.OK, "no redirect: the sign-in was refused");
        (await SignInPage.ReadAsync(right, Ct)).Alert.Should().Be(SignInPage.Text("LockedOutFor", SignInPage.English, 15));
    }

    [Fact]
    public async Task The_eleventh_login_attempt_within_a_minute_from_one_address_is_answered_429()
    {
        var browser = identity.CreateBrowser();
        var statuses = new List<HttpStatusCode>();

        HttpResponseMessage? last = null;
        for (var attempt = 1; attempt <= 11; attempt++)
        {
            last = await AuthorizationCodeFlow.SubmitLoginAsync(browser, ReturnTo, IdentityService.UniqueUserName(), "Wrong-Pass-2026", Ct);
            statuses.Add(last.StatusCode);
        }

        statuses.Take(10).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK));
        statuses[10].Should().Be(HttpStatusCode.TooManyRequests);
        last!.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        var other = await AuthorizationCodeFlow.SubmitLoginAsync(identity.CreateBrowser(), ReturnTo, IdentityService.UniqueUserName(), "x", Ct);
        other.StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per client address");
    }

    [Fact]
    public async Task After_login_only_a_local_return_url_is_followed()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);

        var response = await AuthorizationCodeFlow.SubmitLoginAsync(
            identity.CreateBrowser(), "/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F", account.UserName!, IdentityService.Password, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task A_login_post_without_the_antiforgery_token_is_refused()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);

        var response = await identity.CreateBrowser().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = account.UserName!,
            ["Password"] = IdentityService.Password,
        }), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ending_the_session_returns_to_the_client_and_the_next_authorization_asks_for_the_login_again()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var browser = identity.CreateBrowser();
        await IdentityService.Flow(browser, account.UserName!).RunAsync(Ct);
        const string signedOut = "http://localhost:8080/signout-callback";

        var logout = await browser.GetAsync(
            $"/connect/logout?client_id={PlatformClients.WebConsole}&post_logout_redirect_uri={Uri.EscapeDataString(signedOut)}", Ct);

        logout.Headers.Location!.ToString().Should().StartWith(signedOut);
        var again = await browser.GetAsync(
            $"/connect/authorize?client_id=web-console&response_type=code&scope=openid&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=S256&redirect_uri={Uri.EscapeDataString(IdentityService.WebConsoleRedirectUri)}",
            Ct);
        again.Headers.Location!.AbsolutePath.Should().Be("/account/login");
    }

    [Theory]
    [InlineData("/connect/authorize?x=1", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("", false)]
    public void Local_urls_are_paths_on_this_server(string url, bool local) => LoginApi.IsLocalUrl(url).Should().Be(local);

    [Fact]
    public async Task An_unknown_user_name_is_answered_locked_after_the_same_failures_as_a_real_account()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);

        var real = await AnswersAsync(account.UserName!);
        var unknown = await AnswersAsync(IdentityService.UniqueUserName());

        real.Should().Contain(SignInPage.Text("LockedOutFor", SignInPage.English, 15), "the real account locks after five failures");
        unknown.Should().Equal(real, "the answers must not tell whether the account exists");

        async Task<List<string?>> AnswersAsync(string userName)
        {
            var browser = identity.CreateBrowser();
            var answers = new List<string?>();
            for (var attempt = 1; attempt <= 6; attempt++)
            {
                var response = await AuthorizationCodeFlow.SubmitLoginAsync(browser, ReturnTo, userName, "Wrong-Pass-2026", Ct);
                answers.Add((await SignInPage.ReadAsync(response, Ct)).Alert);
            }

            return answers;
        }
    }

    [Fact]
    public async Task Lockout_by_someone_guessing_the_password_does_not_end_a_signed_in_session_at_its_next_refresh()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var tokens = await identity.SignInAsync(account, Ct);
        var guesser = identity.CreateBrowser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AuthorizationCodeFlow.SubmitLoginAsync(guesser, ReturnTo, account.UserName!, "Wrong-Pass-2026", Ct);
        }

        var refreshed = await AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.WebConsole, tokens.RefreshToken!, Ct);

        refreshed.StatusCode.Should().Be(HttpStatusCode.OK, await refreshed.Content.ReadAsStringAsync(Ct));
    }
}
