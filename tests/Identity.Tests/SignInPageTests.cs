using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;
using static PropertyPlatform.Identity.Tests.SignInPage;

namespace PropertyPlatform.Identity.Tests;

/// <summary>The login page as people see it: their language, its labels and its messages.</summary>
public sealed class SignInPageTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;



    [Theory]
    [InlineData("en-GB,en;q=0.9", English, "Sign in")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.5", Chinese, "登录")]
    [InlineData("fr-FR", English, "Sign in")]
    public async Task The_login_page_speaks_the_browsers_language_with_every_field_labelled(string acceptLanguage, string culture, string heading)
    {
        var browser = identity.CreateBrowser(acceptLanguage);
        var loginUrl = await PendingLoginUrlAsync(browser, Ct);

        var response = await browser.GetAsync(loginUrl, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
        var page = await ReadAsync(response, Ct);
        page.Language.Should().Be(culture);
        page.Heading.Should().Be(heading);
        page.LabelOf("UserName").Should().Be(Text("UserNameLabel", culture));
        page.LabelOf("Password").Should().Be(Text("PasswordLabel", culture));
        page.Input("UserName").GetAttribute("autocomplete").Should().Be("username");
        page.Input("Password").GetAttribute("autocomplete").Should().Be("current-password");
        page.HiddenField("ReturnUrl").Should().StartWith("/connect/authorize?");
        page.Document.QuerySelector("button[type=submit]")!.TextContent.Trim().Should().Be(Text("SignInButton", culture));
        page.Document.QuerySelector("meta[name=viewport]")!.GetAttribute("content").Should().Contain("width=device-width");
    }

    [Fact]
    public async Task Switching_the_language_keeps_the_pending_authorization_and_is_remembered_in_a_cookie()
    {
        var browser = identity.CreateBrowser("en");
        var loginUrl = await PendingLoginUrlAsync(browser, Ct);
        var english = await ReadAsync(await browser.GetAsync(loginUrl, Ct), Ct);
        var pending = english.HiddenField("ReturnUrl");

        var switched = await browser.GetAsync(english.LanguageLink(Chinese), Ct);

        switched.StatusCode.Should().Be(HttpStatusCode.Redirect);
        switched.Headers.Location!.OriginalString.Should().Be(loginUrl);
        switched.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        var chinese = await ReadAsync(await browser.GetAsync(switched.Headers.Location.OriginalString, Ct), Ct);
        chinese.Language.Should().Be(Chinese, "the cookie wins over Accept-Language");
        chinese.HiddenField("ReturnUrl").Should().Be(pending);
        chinese.Document.QuerySelector($"nav a[hreflang='{Chinese}']")!.GetAttribute("aria-current").Should().Be("true");

        var account = await identity.CreateAccountAsync([PlatformRoles.Owner], [Guid.NewGuid()], units: [Guid.NewGuid()], kind: AccountKind.Owner);
        var signedIn = await AuthorizationCodeFlow.SubmitLoginAsync(browser, switched.Headers.Location.OriginalString, account.UserName!, IdentityService.Password, Ct);
        signedIn.Headers.Location!.OriginalString.Should().Be(pending, "signing in from the Chinese page goes on with the same request");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    public async Task The_language_link_never_leads_off_this_server(string returnUrl)
    {
        var response = await identity.CreateBrowser().GetAsync($"/account/language?culture=zh-Hans&returnUrl={Uri.EscapeDataString(returnUrl)}", Ct);

        response.Headers.Location!.OriginalString.Should().Be("/account/login");
    }

    [Theory]
    [InlineData(English)]
    [InlineData(Chinese)]
    public async Task A_wrong_password_is_announced_in_the_readers_language_and_tied_to_both_fields(string culture)
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var browser = identity.CreateBrowser(culture);

        var page = await ReadAsync(await AuthorizationCodeFlow.SubmitLoginAsync(browser, "/account/login", account.UserName!, "Wrong-Pass-2026", Ct), Ct);

        page.Language.Should().Be(culture);
        page.Alert.Should().Be(Text("WrongCredentials", culture));
        page.Input("UserName").GetAttribute("value").Should().Be(account.UserName, "the name is kept, the password is not");
        page.Input("Password").GetAttribute("value").Should().BeNull();
        foreach (var field in new[] { "UserName", "Password" })
        {
            page.Input(field).GetAttribute("aria-invalid").Should().Be("true");
            page.DescriptionsOf(field).Should().Equal(Text("WrongCredentials", culture));
        }

        page.Input("Password").HasAttribute("autofocus").Should().BeTrue("the next try starts at the password");
        page.Document.Title.Should().StartWith(Text("ErrorTitle", culture, Text("SignInTitle", culture)));
    }

    [Theory]
    [InlineData(English)]
    [InlineData(Chinese)]
    public async Task A_locked_account_says_in_how_many_minutes_it_can_be_tried_again(string culture)
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var browser = identity.CreateBrowser(culture);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await AuthorizationCodeFlow.SubmitLoginAsync(browser, "/account/login", account.UserName!, "Wrong-Pass-2026", Ct);
        }

        var fifth = await ReadAsync(await AuthorizationCodeFlow.SubmitLoginAsync(browser, "/account/login", account.UserName!, "Wrong-Pass-2026", Ct), Ct);
        var right = await ReadAsync(await AuthorizationCodeFlow.SubmitLoginAsync(browser, "/account/login", account.UserName!, IdentityService.Password, Ct), Ct);

        fifth.Alert.Should().Be(Text("LockedOutFor", culture, 15), "the lockout lasts 15 minutes");
        right.Alert.Should().Be(Text("LockedOutFor", culture, 15));
    }

    [Fact]
    public async Task A_disabled_account_is_told_so_only_with_the_right_password_and_wrong_ones_still_count_towards_the_lockout()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Technician], [Guid.NewGuid()]);
        var disabled = await identity.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Account>>();
            var stored = (await users.FindByIdAsync(account.Id.ToString()))!;
            stored.Status = AccountStatus.Disabled;
            return (await users.UpdateAsync(stored)).Succeeded;
        });
        disabled.Should().BeTrue();
        var browser = identity.CreateBrowser(English);

        var right = await ReadAsync(await AuthorizationCodeFlow.SubmitLoginAsync(browser, "/account/login", account.UserName!, IdentityService.Password, Ct), Ct);
        var wrong = new List<string?>();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            wrong.Add((await ReadAsync(await AuthorizationCodeFlow.SubmitLoginAsync(browser, "/account/login", account.UserName!, "Wrong-Pass-2026", Ct), Ct)).Alert);
        }

        right.Alert.Should().Be(Text("Disabled", English));
        wrong.Take(4).Should().AllBe(Text("WrongCredentials", English), "a wrong password tells nothing about the account");
        wrong[4].Should().Be(Text("LockedOutFor", English, 15));
    }

    [Fact]
    public async Task A_pending_account_with_the_right_password_is_told_to_activate_first()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Owner], [Guid.NewGuid()], units: [Guid.NewGuid()], kind: AccountKind.Owner);
        var pending = await identity.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Account>>();
            var stored = (await users.FindByIdAsync(account.Id.ToString()))!;
            stored.Status = AccountStatus.Pending;
            return (await users.UpdateAsync(stored)).Succeeded;
        });
        pending.Should().BeTrue();

        var page = await ReadAsync(await AuthorizationCodeFlow.SubmitLoginAsync(
            identity.CreateBrowser(Chinese), "/account/login", account.UserName!, IdentityService.Password, Ct), Ct);

        page.Alert.Should().Be(Text("NotActivated", Chinese));
        page.Document.QuerySelector("a[href^='/account/activate']").Should().NotBeNull("the way to activate is on the page");
    }

    [Fact]
    public async Task The_stylesheet_is_served_to_anyone_and_may_be_cached_for_good()
    {
        var browser = identity.CreateBrowser();
        var page = await ReadAsync(await browser.GetAsync("/account/login", Ct), Ct);
        var stylesheet = page.Document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        var response = await browser.GetAsync(stylesheet, Ct);

        stylesheet.Should().StartWith("/account/sign-in.css?v=");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        response.Headers.CacheControl!.Extensions.Should().Contain(e => e.Name == "immutable");
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("--colorBrandBackground");
    }
}
