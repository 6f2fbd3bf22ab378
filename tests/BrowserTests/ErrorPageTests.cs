using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;

namespace PropertyPlatform.BrowserTests;

/// <summary>A failed page and an unknown address show the console's own error page, never a bare status or a stack trace.</summary>
public sealed class ErrorPageTests(BrowserSystem system) : BrowserTest(system)
{
    /// <summary>A link cut short in a chat message: its estate is no id.</summary>
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

    /// <summary>
    /// A garbled id used to make the page throw (Blazor's 500, then the friendly error page); it is now read before the
    /// page renders (GarbledQueryIds) and is what it is: nothing found. The friendly 500 page itself is HtmlErrorPageTests'.
    /// </summary>
    [Fact]
    public async Task A_link_cut_short_shows_page_not_found_opened_directly_or_by_enhanced_navigation()
    {
        await SignInAsync($"/manager/kpis?estate={DemoGroup.North}", DemoGroup.ManagerNorth);

        var response = await Page.GotoAsync(CutShortLink);

        response!.Status.Should().Be(404);
        await ExpectNotFoundAsync();
        await AssertAccessibleAsync();

        // Blazor's in-app navigation fetches the page asking for HTML only: it used to show "Error: 500".
        await Page.GotoAsync($"/manager/kpis?estate={DemoGroup.North}");
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await Page.EvaluateAsync($"() => Blazor.navigateTo('{CutShortLink}')");
        await ExpectNotFoundAsync();
    }

    private async Task ExpectNotFoundAsync()
    {
        await ExpectVisibleAsync(Page, Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Page not found" }));
        var shown = await Page.Locator("body").InnerTextAsync();
        shown.Should().NotContain("Error: 404").And.NotContain("Exception").And.NotMatchRegex(@"\bat [\w.]+\(");
    }
}
