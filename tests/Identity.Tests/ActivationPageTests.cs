using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.Identity.Features.Owners;
using PropertyPlatform.ServiceDefaults.Security;
using static PropertyPlatform.Identity.Tests.SignInPage;

namespace PropertyPlatform.Identity.Tests;

/// <summary>The owner's first visit in a browser: phone, the front desk's code, a new password; then signed in.</summary>
public sealed class ActivationPageTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string NewPassword = "Owner-Pass-2026";

    /// <summary>A pending owner account, as OwnerRegistered opens it, with a code issued by the front desk.</summary>
    private Task<(string Phone, string Code)> PendingOwnerAsync(TimeSpan? codeValidFor = null) =>
        identity.InScopeAsync(async services =>
        {
            var phone = "136" + Random.Shared.NextInt64(10_000_000, 99_999_999);
            var code = ActivationCodes.NewCode();
            var account = new Account
            {
                Id = Guid.CreateVersion7(),
                UserName = phone,
                PhoneNumber = phone,
                DisplayName = "Li Na",
                Kind = AccountKind.Owner,
                Status = AccountStatus.Pending,
                Roles = [PlatformRoles.Owner],
                EstateIds = [Guid.NewGuid()],
                UnitIds = [Guid.NewGuid()],
                OwnerId = Guid.NewGuid(),
                CreatedAt = DateTimeOffset.UtcNow,
                ActivationCodeHash = ActivationCodes.Hash(code),
                ActivationCodeExpiresAt = DateTimeOffset.UtcNow + (codeValidFor ?? ActivationCodes.Lifetime),
            };
            (await services.GetRequiredService<UserManager<Account>>().CreateAsync(account)).Succeeded.Should().BeTrue();
            return (phone, code);
        });


    /// <summary>Opens the activation page at <paramref name="url"/> and posts its form.</summary>
    private static async Task<HttpResponseMessage> ActivateAsync(
        HttpClient browser, string url, string phone, string code, string password, string? confirm = null)
    {
        var page = await ReadAsync(await browser.GetAsync(url, Ct), Ct);
        return await browser.PostAsync("/account/activate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.HiddenField("__RequestVerificationToken"),
            ["ReturnUrl"] = page.HiddenField("ReturnUrl"),
            ["UserName"] = phone,
            ["Code"] = code,
            ["NewPassword"] = password,
            ["ConfirmPassword"] = confirm ?? password,
        }), Ct);
    }

    [Fact]
    public async Task An_owner_activates_from_the_login_page_of_a_pending_authorization_and_lands_signed_in_on_it()
    {
        var (phone, code) = await PendingOwnerAsync();
        var browser = identity.CreateBrowser(English);
        var login = await ReadAsync(await browser.GetAsync(await PendingLoginUrlAsync(browser, Ct), Ct), Ct);
        var activationLink = login.Document.QuerySelector("a[href^='/account/activate']")!.GetAttribute("href")!;

        var activated = await ActivateAsync(browser, activationLink, $"  {phone} ", code.ToLowerInvariant(), NewPassword);

        activated.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var pending = activated.Headers.Location!.OriginalString;
        pending.Should().Be(login.HiddenField("ReturnUrl"), "back to the app's pending authorization");
        var back = await browser.GetAsync(pending, Ct);
        var callback = back.Headers.Location!.ToString();
        callback.Should().StartWith(IdentityService.OwnerAppRedirectUri, "signed in: the code goes to the app");
        QueryHelpers.ParseQuery(new Uri(callback).Query)["code"].ToString().Should().NotBeEmpty();
        var signInAgain = await PostLoginAsync(identity.CreateBrowser(), phone, NewPassword);
        signInAgain.StatusCode.Should().Be(HttpStatusCode.OK, "no ReturnUrl: the signed-in page");
        (await ReadAsync(signInAgain, Ct)).Status.Should().Be(Text("SignedIn", English));
    }

    [Theory]
    [InlineData(English)]
    [InlineData(Chinese)]
    public async Task The_page_labels_every_field_and_shows_the_password_rules_in_the_readers_language(string culture)
    {
        var page = await ReadAsync(await identity.CreateBrowser(culture).GetAsync("/account/activate?ReturnUrl=%2Fconnect%2Fauthorize%3Fx%3D1", Ct), Ct);

        page.Language.Should().Be(culture);
        page.Heading.Should().Be(Text("ActivateTitle", culture));
        page.LabelOf("UserName").Should().Be(Text("PhoneLabel", culture));
        page.LabelOf("Code").Should().Be(Text("CodeLabel", culture));
        page.LabelOf("NewPassword").Should().Be(Text("NewPasswordLabel", culture));
        page.LabelOf("ConfirmPassword").Should().Be(Text("ConfirmPasswordLabel", culture));
        page.HiddenField("ReturnUrl").Should().Be("/connect/authorize?x=1");
        var rules = page.DescriptionsOf("NewPassword").Should().ContainSingle().Subject;
        rules.Should().Contain(Text("RuleLength", culture, 10)).And.Contain(Text("RuleDigit", culture)).And.Contain(Text("RuleUpper", culture));
        page.DescriptionsOf("Code").Should().Equal(Text("CodeHint", culture, ActivationCodes.Length, ActivationCodes.Lifetime.Days));
    }

    [Theory]
    [InlineData(English)]
    [InlineData(Chinese)]
    public async Task Field_errors_from_the_server_sit_next_to_their_fields(string culture)
    {
        var browser = identity.CreateBrowser(culture);

        var response = await ActivateAsync(browser, "/account/activate", "", "ABCDEFGHJK", "weakpass", confirm: "other");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await ReadAsync(response, Ct);
        page.Alert.Should().Be(Text("FieldsNeedAttention", culture));
        page.DescriptionsOf("UserName").Should().Equal(Text("Error.Required", culture));
        page.Input("UserName").HasAttribute("autofocus").Should().BeTrue("the first field in error takes the focus");
        page.Input("Code").GetAttribute("aria-invalid").Should().BeNull();
        page.Input("Code").GetAttribute("value").Should().Be("ABCDEFGHJK", "what was typed is kept");
        var passwordErrors = page.DescriptionsOf("NewPassword")[1];
        passwordErrors.Should().Contain(Text("Error.PasswordTooShort", culture, 10))
            .And.Contain(Text("Error.PasswordRequiresDigit", culture)).And.Contain(Text("Error.PasswordRequiresUpper", culture));
        page.Input("NewPassword").GetAttribute("aria-invalid").Should().Be("true");
        page.Input("NewPassword").GetAttribute("value").Should().BeNull("a password is never sent back");
        page.DescriptionsOf("ConfirmPassword").Should().Equal(Text("Error.PasswordsDiffer", culture));
    }

    [Theory]
    [InlineData(English)]
    [InlineData(Chinese)]
    public async Task An_expired_code_says_to_ask_the_front_desk_for_a_new_one(string culture)
    {
        var (phone, code) = await PendingOwnerAsync(codeValidFor: TimeSpan.FromSeconds(-1));

        var page = await ReadAsync(await ActivateAsync(identity.CreateBrowser(culture), "/account/activate", phone, code, NewPassword), Ct);

        page.DescriptionsOf("Code").Should().EndWith(Text("Error.ExpiredCode", culture));
        page.Input("Code").HasAttribute("autofocus").Should().BeTrue();
    }

    [Fact]
    public async Task A_used_code_a_wrong_code_and_an_unknown_phone_get_the_same_answer()
    {
        var (phone, code) = await PendingOwnerAsync();
        (await ActivateAsync(identity.CreateBrowser(English), "/account/activate", phone, code, NewPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var used = await ReadAsync(await ActivateAsync(identity.CreateBrowser(English), "/account/activate", phone, code, NewPassword), Ct);
        var wrong = await ReadAsync(await ActivateAsync(identity.CreateBrowser(English), "/account/activate", (await PendingOwnerAsync()).Phone, "WRONGCODE2", NewPassword), Ct);
        var unknown = await ReadAsync(await ActivateAsync(identity.CreateBrowser(English), "/account/activate", "13500000000", code, NewPassword), Ct);

        foreach (var page in new[] { used, wrong, unknown })
        {
            page.DescriptionsOf("Code").Should().EndWith(Text("Error.InvalidCode", English));
        }
    }

    [Fact]
    public async Task Without_a_pending_authorization_the_owner_is_sent_to_sign_in_with_a_confirmation()
    {
        var (phone, code) = await PendingOwnerAsync();
        var browser = identity.CreateBrowser(Chinese);

        var activated = await ActivateAsync(browser, "/account/activate", phone, code, NewPassword);

        activated.Headers.Location!.OriginalString.Should().Be("/account/login?activated=true");
        var login = await ReadAsync(await browser.GetAsync(activated.Headers.Location.OriginalString, Ct), Ct);
        login.Status.Should().Be(Text("Activated", Chinese));
    }

    [Fact]
    public async Task After_activation_only_a_local_return_url_is_followed()
    {
        var (phone, code) = await PendingOwnerAsync();

        var activated = await ActivateAsync(identity.CreateBrowser(), "/account/activate?ReturnUrl=https%3A%2F%2Fevil.example%2F", phone, code, NewPassword);

        activated.Headers.Location!.OriginalString.Should().Be("/account/login?activated=true");
        activated.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeFalse("nobody is signed in for a foreign site: {0}", cookies);
    }

    [Fact]
    public async Task An_activation_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var (phone, code) = await PendingOwnerAsync();

        var response = await identity.CreateBrowser().PostAsync("/account/activate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = phone, ["Code"] = code, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        }), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ActivateAsync(identity.CreateBrowser(English), "/account/activate", phone, code, NewPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the code still works");
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string userName, string password) =>
        TestSupport.Auth.AuthorizationCodeFlow.SubmitLoginAsync(browser, "/account/login", userName, password, Ct);
}
