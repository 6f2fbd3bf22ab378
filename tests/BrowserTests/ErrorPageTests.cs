using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;

namespace PropertyPlatform.BrowserTests;

/// <summary>A failed page and an unknown address show the console's own error page, never a bare status or a stack trace.</summary>
public sealed class ErrorPageTests(BrowserSystem system) : BrowserTest(system)
{
    /// <summary>A link cut short in a chat message: its estate is no id, and the page cannot read it (the page throws).</summary>
    private const string CutShortLink = "/manager/kpis?estate=0197a000-0000-7000";

    [Fact]
    public async Task An_unknown_address_shows_page_not_found_with_status_404()
    {
        var response = await Page.GotoAsync("/no-such-page");

        response!.Status.Should().Be(404);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Back to the start page" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_page_that_fails_shows_the_friendly_error_page_with_a_reference_opened_directly_or_by_enhanced_navigation()
    {
        await SignInAsync($"/manager/kpis?estate={DemoGroup.North}", DemoGroup.ManagerNorth);

        var response = await Page.GotoAsync(CutShortLink);

        response!.Status.Should().Be(500);
        await ExpectFriendlyErrorAsync();
        await AssertAccessibleAsync();

        // Blazor's in-app navigation fetches the page asking for HTML only: it used to show "Error: 500".
        await Page.GotoAsync($"/manager/kpis?estate={DemoGroup.North}");
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await Page.EvaluateAsync($"() => Blazor.navigateTo('{CutShortLink}')");
        await ExpectFriendlyErrorAsync();
    }

    private async Task ExpectFriendlyErrorAsync()
    {
        await ExpectVisibleAsync(Page, Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Something went wrong" }));
        await Assertions.Expect(Page.GetByTestId("error-reference")).ToHaveTextAsync(new Regex("^[0-9a-f]{32}$"));
        var shown = await Page.Locator("body").InnerTextAsync();
        shown.Should().NotContain("Error: 500").And.NotContain("Exception").And.NotMatchRegex(@"\bat [\w.]+\(");
    }
}
