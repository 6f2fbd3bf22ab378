using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>A form sent after the session was lost leads to sign-in and comes back with what was typed.</summary>
public sealed class LostSessionDraftTests(BrowserSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task An_intake_sent_after_the_session_was_lost_comes_back_filled_in_after_sign_in_and_is_then_recorded()
    {
        var description = $"Kept through sign-in {Guid.NewGuid():N}"[..29];
        await SignInAsync("/desk/intake", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();
        await TypeIntoTextAreaAsync("description", description);
        await FillFieldAsync("requesterName", "Zhou Lan");

        // The session ends while the intake is open: signed out in another tab, which removes it from the web's session
        // store. Clearing the cookies (as the sign-in test does) would not end it for this page: its circuit keeps the
        // user, whose session would still be on the server.
        var otherTab = await Context.NewPageAsync();
        await otherTab.GotoAsync($"/desk/queue?estate={DemoGroup.North}");
        await otherTab.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await otherTab.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await otherTab.CloseAsync();

        await Button("Record").ClickAsync();
        await Page.Locator("input[name=UserName]").FillAsync(DemoGroup.ClerkNorth);
        await Page.Locator("input[name=Password]").FillAsync(DemoGroup.Password);
        await Page.Locator("input[name=Password]").PressAsync("Enter");

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/desk/intake$"));
        await WaitForInteractiveFormAsync();
        await Assertions.Expect(Page.GetByTestId("draft-restored")).ToHaveTextAsync("What you typed was kept; check it and send again.");
        await Assertions.Expect(Page.Locator("#description textarea")).ToHaveValueAsync(description);
        await Assertions.Expect(Page.Locator("#requesterName input")).ToHaveValueAsync("Zhou Lan");
        await AssertAccessibleAsync();

        await Button("Record").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/desk/queue"));
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var requests = await api.GetFromJsonAsync<JsonElement>($"/api/reception/requests?estateId={DemoGroup.North}&limit=100", ApiJson.Options, Ct);
        requests.GetProperty("items").EnumerateArray().Should().ContainSingle(r => r.GetProperty("description").GetString() == description)
            .Which.GetProperty("requesterName").GetString().Should().Be("Zhou Lan");
    }
}
