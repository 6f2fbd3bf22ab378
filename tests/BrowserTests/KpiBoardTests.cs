using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;

namespace PropertyPlatform.BrowserTests;

/// <summary>North Garden's estate manager: the month's KPI board and the records behind a standard.</summary>
public sealed class KpiBoardTests(BrowserSystem system) : BrowserTest(system)
{
    /// <summary>The bold standards of domain.md, each on the board from the service that owns it, and its name on the board.</summary>
    private static readonly (string Key, string Title)[] BoldStandards =
    [
        ("routing-within-5-minutes", "Routing within 5 minutes"),
        ("same-day-feedback", "Same-day feedback"),
        ("repair-callback-rate", "Repair callbacks (98 %)"),
        ("paid-service-callback-rate", "Paid-service callbacks (100 %)"),
        ("callback-sample-rate", "Callback sample of other requests (≥ 10 %)"),
        ("owner-satisfaction", "Owner satisfaction (≥ 90 %)"),
        ("home-visits-twice-a-year", "Home visits ≥ 2 a year"),
        ("stocktake-by-24th", "Stocktake by the 24th"),
        ("deposits-by-1700", "Cash deposited by 17:00"),
        ("monthly-summary-by-26th", "Monthly summary by the 26th"),
        ("attendance-sheet-by-5th", "Attendance sheet by the 5th"),
        ("collection-rate", "Collection rate"),
    ];

    private static string BoardOfNorth => $"/manager/kpis?estate={DemoGroup.North}";

    [Fact]
    public async Task The_estate_manager_sees_every_standard_target_against_actual_this_month_and_opens_the_records_behind_each()
    {
        var description = $"Corridor light out {Guid.NewGuid():N}"[..28];
        using (var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct))
        {
            var recorded = await clerk.PostAsJsonAsync("/api/reception/requests", new
            {
                estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "phone", category = "inquiry", urgency = "normal", description,
                requesterName = "Li Wei", requesterPhone = "13800001234",
            }, Ct);
            recorded.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await SignInAsync(BoardOfNorth, DemoGroup.ManagerNorth);

        foreach (var (standard, _) in BoldStandards)
        {
            await Assertions.Expect(Page.Locator($"[data-kpi='{standard}']")).ToBeVisibleAsync();
        }

        var routing = Page.Locator("[data-kpi='routing-within-5-minutes']");
        await Assertions.Expect(routing.GetByTestId("kpi-verdict")).ToHaveTextAsync(new Regex("(Met|Missed)$"), new() { UseInnerText = true });
        await Assertions.Expect(routing).ToContainTextAsync("Target 100%");
        await Assertions.Expect(routing.GetByTestId("kpi-chart")).ToHaveAttributeAsync("aria-label", new Regex("^Routing within 5 minutes: .+ against a target of 100%$"));
        await Assertions.Expect(Page.GetByTestId("kpi-summary-text")).ToContainTextAsync("measured standards met");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("kpi-board.png");

        // Each standard's records, one click from its tile and back: the service's list as a table (or its report's figures),
        // never a plain message that the link went nowhere.
        foreach (var (standard, title) in BoldStandards)
        {
            await Page.Locator($"[data-kpi='{standard}']").GetByRole(AriaRole.Link).ClickAsync();

            await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Records: {title}");
            var records = Page.GetByTestId("records").Or(Page.Locator("dl.figures")).Or(Page.GetByText("Nothing to show."));
            await Assertions.Expect(records.First).ToBeVisibleAsync();
            await Assertions.Expect(Page.Locator(".plain-message")).ToHaveCountAsync(0);
            if (standard == "routing-within-5-minutes")
            {
                await Assertions.Expect(Page.GetByTestId("records").Locator("tr", new() { HasText = description })).ToBeVisibleAsync();
            }

            await AssertAccessibleAsync();
            await Page.GetByRole(AriaRole.Link, new() { Name = "Back to the KPI board" }).ClickAsync();
            await Assertions.Expect(Page.Locator($"[data-kpi='{standard}']")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task A_records_link_that_is_not_a_service_path_is_a_plain_message()
    {
        await SignInAsync($"/manager/kpis/records?estate={DemoGroup.North}&title=x&link={Uri.EscapeDataString("http://example.com/api/x")}", DemoGroup.ManagerNorth);

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("This record does not exist or is not in an estate you work for.");
    }
}
