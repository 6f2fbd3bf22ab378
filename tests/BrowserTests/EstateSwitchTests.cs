using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// The region's customer-service supervisor (supervisor.region, the demo group's one person in both estates) chooses the
/// estate in the header: the page opens for the chosen estate with its data, and the menu's journeys stay in it.
/// </summary>
public sealed class EstateSwitchTests(BrowserSystem system) : BrowserTest(system)
{
    private const string Supervisor = DemoGroup.SupervisorRegion;

    /// <summary>A request recorded at reception by the supervisor: their token holds both estates, so either takes it.</summary>
    private static async Task RecordAsync(HttpClient supervisor, Guid estateId, Guid unitId, string description)
    {
        using var response = await supervisor.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId, channel = "phone", category = "inquiry", urgency = "normal", description,
            requesterName = "Li Wei", requesterPhone = "13800001234",
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private ILocator Estate(string name) => Page.GetByTestId("estate-switch").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private ILocator MenuLink(string name) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation", Exact = true }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_supervisor_of_two_estates_switches_in_the_header_and_the_queue_and_the_menus_journeys_follow_the_chosen_estate()
    {
        var north = Unique("Hallway light out");
        var south = Unique("Gate buzzer silent");
        using (var supervisor = await System.ApiAsync(Supervisor, Ct))
        {
            await RecordAsync(supervisor, DemoGroup.North, DemoGroup.NorthUnit101, north);
            await RecordAsync(supervisor, DemoGroup.South, DemoGroup.SouthUnit101, south);
        }

        await SignInAsync("/", Supervisor);

        // The first journey opens for the first estate; the header names both, this one marked.
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/desk/queue\\?estate={DemoGroup.North}"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today's requests · North Garden");
        await Assertions.Expect(Page.GetByTestId("estate-switch").GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Assertions.Expect(Estate("South Lake")).ToBeVisibleAsync();
        await Assertions.Expect(Estate("North Garden")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(Estate("South Lake")).Not.ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(Page.Locator("tr", new() { HasText = north })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("tr", new() { HasText = south })).ToHaveCountAsync(0);
        await Assertions.Expect(MenuLink("Breaches and escalations")).ToHaveAttributeAsync("href", new Regex($"supervisor/breaches\\?estate={DemoGroup.North}$"));
        await WaitForInteractiveAsync();
        await AssertAccessibleAsync();

        await Estate("South Lake").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/desk/queue\\?estate={DemoGroup.South}"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Today's requests · South Lake");
        await Assertions.Expect(Page.Locator("tr", new() { HasText = south })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("tr", new() { HasText = north })).ToHaveCountAsync(0);
        await Assertions.Expect(Estate("South Lake")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(Estate("North Garden")).Not.ToHaveAttributeAsync("aria-current", "page");
        foreach (var (text, path) in new[] { ("New request", "desk/intake"), ("Complaints by deadline", "desk/complaints"), ("Breaches and escalations", "supervisor/breaches") })
        {
            await Assertions.Expect(MenuLink(text)).ToHaveAttributeAsync("href", new Regex($"{Regex.Escape(path)}\\?estate={DemoGroup.South}$"));
        }

        await WaitForInteractiveAsync();
        await AssertAccessibleAsync();

        // A journey from the menu stays in South Lake; the header then opens that same page for North Garden.
        await MenuLink("Breaches and escalations").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/supervisor/breaches\\?estate={DemoGroup.South}$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Breaches and escalations · South Lake");
        await Assertions.Expect(Estate("South Lake")).ToHaveAttributeAsync("aria-current", "page");

        await Estate("North Garden").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/supervisor/breaches\\?estate={DemoGroup.North}$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Breaches and escalations · North Garden");
        await Assertions.Expect(MenuLink("New request")).ToHaveAttributeAsync("href", new Regex($"desk/intake\\?estate={DemoGroup.North}$"));
        await AssertAccessibleAsync();
    }
}
