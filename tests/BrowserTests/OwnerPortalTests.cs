using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>Li Wei, owner of North 1-101, on a phone.</summary>
public sealed class OwnerPortalTests(BrowserSystem system) : BrowserTest(system)
{
    protected override ViewportSize Viewport => Phone;

    [Fact]
    public async Task An_owner_on_a_phone_sees_their_unit_and_reports_a_problem_that_reaches_reception()
    {
        var description = $"Bathroom tap drips {Guid.NewGuid():N}"[..27];
        await SignInAsync("/", DemoGroup.OwnerNorth);

        var unit = Page.Locator($"[data-unit-id='{DemoGroup.NorthUnit101}']");
        await Assertions.Expect(unit).ToContainTextAsync("1-101");
        await AssertAccessibleAsync();
        await unit.GetByText("Report a problem").ClickAsync();
        await WaitForInteractiveFormAsync();
        await TypeIntoTextAreaAsync("description", description);
        await Button("Send").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("reported")).ToContainTextAsync("Received");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("owner-report-phone.png");
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/reception/requests?estateId={DemoGroup.North}&limit=100", ApiJson.Options, Ct);
        var reported = page.GetProperty("items").EnumerateArray().Should().ContainSingle(r => r.GetProperty("description").GetString() == description).Subject;
        reported.GetProperty("unitId").GetGuid().Should().Be(DemoGroup.NorthUnit101);
        reported.GetProperty("channel").GetString().Should().Be("App");
    }
}
