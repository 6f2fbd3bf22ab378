using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// Li Wei pre-registers a visitor on the phone: the pass as a QR code the guard's online check accepts, until revoked,
/// and that the guard can scan with the camera.
/// </summary>
public sealed class OwnerPassTests(BrowserSystem system) : BrowserTest(system)
{
    protected override ViewportSize Viewport => Phone;

    private async Task<JsonElement> GuardChecksAsync(string token)
    {
        using var guard = await System.ApiAsync("guard.north", Ct);
        var checkedPass = await guard.PostAsJsonAsync("/api/security-gate/passes/check", new { token }, Ct);
        checkedPass.EnsureSuccessStatusCode();
        return await checkedPass.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
    }

    [Fact]
    public async Task An_owner_creates_a_pass_shown_as_a_QR_code_that_the_guard_admits_and_once_revoked_refuses()
    {
        var visitor = $"Chen Jie {Guid.NewGuid():N}"[..14];
        await SignInAsync("/owner/passes", DemoGroup.OwnerNorth);
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("visitorName", visitor);
        await FillFieldAsync("purpose", "Piano lesson");
        await Page.Locator("#hours").ClickAsync();
        await Page.Locator("fluent-option", new() { HasText = "3 days" }).ClickAsync();
        await Page.Locator("#maxUses").ClickAsync();
        await Page.Locator("fluent-option", new() { HasText = "Several times" }).ClickAsync();
        await AssertAccessibleAsync();
        await Button("Create pass").ClickAsync();

        var pass = Page.GetByTestId("pass");
        await Assertions.Expect(pass).ToContainTextAsync($"Pass for {visitor}");
        await Assertions.Expect(pass).ToContainTextAsync("0 of 10 entries used");
        await Assertions.Expect(pass.Locator("[data-testid=pass-qr] svg")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator($"li[data-pass-id='{await pass.GetAttributeAsync("data-pass-id")}']")).ToContainTextAsync(visitor);
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("owner-pass-phone.png");
        var token = await Page.Locator("#pass-code textarea").InputValueAsync();

        var admitted = await GuardChecksAsync(token);
        admitted.GetProperty("admitted").GetBoolean().Should().BeTrue(admitted.ToString());
        admitted.GetProperty("visitorName").GetString().Should().Be(visitor);

        await pass.Locator("fluent-button", new() { HasText = "Revoke" }).ClickAsync();
        await Assertions.Expect(pass).ToContainTextAsync("Revoked");
        var refused = await GuardChecksAsync(token);
        (refused.GetProperty("admitted").GetBoolean(), refused.GetProperty("refusal").GetString()).Should().Be((false, "Revoked"));
    }

    [Fact]
    public async Task The_guard_scans_the_QR_code_on_the_owners_phone_with_the_camera_and_sees_the_pass_valid()
    {
        var visitor = $"Wang Fang {Guid.NewGuid():N}"[..15];
        await SignInAsync("/owner/passes", DemoGroup.OwnerNorth);
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("visitorName", visitor);
        await FillFieldAsync("purpose", "Tea with my aunt");
        await Button("Create pass").ClickAsync();
        var qr = Page.GetByTestId("pass").Locator("[data-testid=pass-qr]");
        await Assertions.Expect(qr.Locator("svg")).ToBeVisibleAsync();
        // What the guard's camera sees: the QR code exactly as the owner's phone draws it.
        var photo = await qr.ScreenshotAsync();

        var guard = await OtherPersonAsync("guard.north", "/gate/pass", Phone);
        await Assertions.Expect(guard.Locator("form[data-interactive=true]")).ToBeVisibleAsync();
        await guard.Locator("#scan-input").SetInputFilesAsync(new FilePayload { Name = "pass.png", MimeType = "image/png", Buffer = photo });

        var verdict = guard.GetByTestId("verdict");
        await Assertions.Expect(verdict).ToContainTextAsync("Valid: let the visitor in");
        await Assertions.Expect(verdict).ToContainTextAsync($"{visitor}, visiting unit");
        await Assertions.Expect(guard.GetByTestId("scan-error")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(guard);
    }
}
