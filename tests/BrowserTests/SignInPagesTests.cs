using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// Identity's sign-in pages as people meet them: a new owner registered at the front desk gets the one-time code from
/// the clerk's owner roster and activates on their phone, in Chinese; a wrong password and a locked account are said
/// plainly. (An expired code's message is identity's own test: its clock cannot be moved from a browser.)
/// </summary>
public sealed class SignInPagesTests(BrowserSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task A_new_owner_gets_a_code_from_the_desks_roster_activates_on_a_phone_in_Chinese_and_lands_in_their_portal()
    {
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var (_, number, label) = await NewUnitAsync(clerk);
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";

        await SignInAsync($"/desk/owners?estate={DemoGroup.North}", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("fullName", "Zhou Lan");
        await FillFieldAsync("phone", phone);
        await FillFieldAsync("idNumber", "310101199003071234");
        await PickUnitAsync(number[..4], label);
        await Button("Register an owner").ClickAsync();
        await ExpectVisibleAsync(Page, Page.GetByTestId("owner-done"));
        await Assertions.Expect(Page.GetByTestId("owner-done")).ToContainTextAsync("Zhou Lan is on the roster");

        // Identity opens the app account when it hears of the registration: until then the desk is told to try again.
        var issue = Page.Locator("tr", new() { HasText = "Zhou Lan" }).Locator("fluent-button");
        var code = Page.GetByTestId("activation-code");
        await Eventually.Async(async () =>
        {
            await issue.ClickAsync();
            try
            {
                await Assertions.Expect(code).ToBeVisibleAsync(new() { Timeout = 3_000 });
                return true;
            }
            catch (PlaywrightException)
            {
                await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("still being opened", new() { Timeout = 3_000 });
                return false;
            }
        }, TimeSpan.FromSeconds(60), "identity should open the owner's account from OwnerRegistered");
        await AssertAccessibleAsync();
        var activationCode = (await code.InnerTextAsync()).Trim();

        // The owner, on their phone in Chinese: the portal sends them to identity's sign-in page.
        var owner = await OtherBrowserAsync(phone, Phone, "zh-CN");
        await owner.GotoAsync("/owner/units");
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登录");
        await AssertAccessibleAsync(owner);
        await owner.GetByRole(AriaRole.Link, new() { Name = "首次使用？使用前台提供的激活码激活业主账户" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("激活账户");
        await owner.GetByLabel("手机号（即用户名）").FillAsync(phone);
        await owner.GetByLabel("激活码").FillAsync(activationCode);
        await owner.GetByLabel("新密码", new() { Exact = true }).FillAsync(DemoGroup.Password);
        await owner.GetByLabel("再次输入新密码").FillAsync(DemoGroup.Password);
        await AssertAccessibleAsync(owner);
        await SaveDocumentationScreenshotAsync("activation-phone-zh.png", owner);
        await owner.GetByRole(AriaRole.Button, new() { Name = "激活并登录" }).ClickAsync();

        // Activated and signed in at once, back on the page they asked for: their own unit.
        await owner.WaitForURLAsync(url => url.Contains("/owner/units", StringComparison.Ordinal));
        await ExpectVisibleAsync(owner, owner.Locator("main", new() { HasText = number }));
    }

    [Fact]
    public async Task A_wrong_password_is_said_plainly_and_the_fifth_locks_the_account_even_against_the_right_one()
    {
        // An owner account of its own, activated: locking a demo account would lock other tests out.
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var (unitId, _, _) = await NewUnitAsync(clerk);
        var phone = await ActiveOwnerAsync(clerk, unitId);

        await Page.GotoAsync("/owner/units");
        await Page.GetByLabel("User name or phone number").FillAsync(phone);
        await Page.GetByLabel("Password").FillAsync("Wrong-Pass-2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name or password is wrong.");
        await Assertions.Expect(Page.GetByLabel("User name or phone number")).ToHaveValueAsync(phone);
        await AssertAccessibleAsync();

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await Page.GetByLabel("Password").FillAsync("Wrong-Pass-2026");
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed attempts: the account is locked.");
        await Page.GetByLabel("Password").FillAsync(DemoGroup.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the account is locked");
        Page.Url.Should().Contain("/account/login", "a locked account stays on the sign-in page");
    }

    /// <summary>A vacant unit of its own in North Garden: its id, number and "building – number" label.</summary>
    /// <summary>An owner of the unit registered, given a code and activated through identity's API: their phone number.</summary>
    private static async Task<string> ActiveOwnerAsync(HttpClient clerk, Guid unitId)
    {
        var phone = $"136{Random.Shared.Next(10_000_000, 99_999_999)}";
        using var registered = await clerk.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId = DemoGroup.North, fullName = "Wu Fang", phone, idNumber = "310101198805061234", unitIds = new[] { unitId },
        }, Ct);
        var ownerId = (await OkAsync(registered, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        string? code = null;
        await Eventually.Async(async () =>
        {
            using var issued = await clerk.PostAsync($"/api/identity/owners/{ownerId}/activation-code", null, Ct);
            code = issued.StatusCode == HttpStatusCode.OK
                ? (await issued.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("code").GetString()
                : null;
            return code is not null;
        }, TimeSpan.FromSeconds(60), "identity should open the owner's account from OwnerRegistered");
        using var anonymous = new HttpClient { BaseAddress = clerk.BaseAddress };
        using var activated = await anonymous.PostAsJsonAsync("/api/identity/activation", new { userName = phone, code, newPassword = DemoGroup.Password }, Ct);
        activated.StatusCode.Should().Be(HttpStatusCode.NoContent, await activated.Content.ReadAsStringAsync(Ct));
        return phone;
    }
}
