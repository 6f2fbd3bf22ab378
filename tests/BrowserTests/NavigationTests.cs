using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;

namespace PropertyPlatform.BrowserTests;

/// <summary>The console's navigation is there once at any width: a phone opens it from the menu button.</summary>
public sealed class NavigationTests(BrowserSystem system) : BrowserTest(system)
{
    protected override ViewportSize Viewport => Phone;

    [Fact]
    public async Task On_a_phone_the_menu_button_opens_the_one_navigation_and_a_link_in_it_leads_on_and_closes_it()
    {
        await SignInAsync("/", DemoGroup.ClerkNorth);
        var parcels = Page.GetByRole(AriaRole.Link, new() { Name = "Parcels" });
        await Assertions.Expect(parcels).ToHaveCountAsync(0);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Navigation" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(parcels).ToHaveCountAsync(1);
        await AssertAccessibleAsync();
        await parcels.ClickAsync();

        await Page.WaitForURLAsync("**/desk/parcels");
        await Assertions.Expect(parcels).ToHaveCountAsync(0);

        await Page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(parcels).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("a[href='desk/parcels']")).ToHaveCountAsync(1);
    }
}
