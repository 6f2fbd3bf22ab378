using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The maintenance supervisor's dispatch board at North Garden: open work, the explained candidates, assigning one.</summary>
public sealed class DispatchBoardTests(BrowserSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task The_maintenance_supervisor_sees_why_each_candidate_is_eligible_or_not_and_assigns_the_work_order()
    {
        var technicianId = await TechnicianOnDutyAsync(System);
        using var supervisor = await System.ApiAsync(MaintenanceSupervisorNorth, Ct);
        var description = Unique("Burst pipe in the boiler room");
        var workOrderId = await NewWorkOrderAsync(supervisor, description);
        await WaitUntilEligibleAsync(supervisor, workOrderId, technicianId);

        await SignInAsync("/", MaintenanceSupervisorNorth);
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/dispatch\\?estate="));
        // The board in the circuit before the click: a link followed while the prerendered board waits for its circuit
        // is an enhanced navigation, and the board then started in the circuit without the work order (a CI run's page:
        // the order's address, no candidates).
        await ExpectVisibleAsync(Page, Page.Locator("div.dispatch-board[data-interactive=true]"));
        await Page.GetByRole(AriaRole.Link, new() { Name = description }).ClickAsync();
        // The candidates as the circuit shows them: the prerendered table is replaced when the page starts afresh in the
        // circuit (and is empty while it reloads them), which could otherwise happen between two of the checks below.
        await ExpectVisibleAsync(Page, Page.Locator("section[data-interactive=true]"));

        var candidate = Page.Locator($"tr[data-staff-id='{technicianId}']");
        await Assertions.Expect(candidate.GetByTestId("eligible")).ToHaveTextAsync("Yes");
        await Assertions.Expect(candidate).ToContainTextAsync("Plumbing certification valid until");
        await Assertions.Expect(candidate).ToContainTextAsync("On duty");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("dispatch-board.png");

        await candidate.Locator("fluent-button", new() { HasText = "Assign" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("assigned")).ToContainTextAsync("Dispatched to North Technician.");
        await Assertions.Expect(Page.Locator($"li[data-work-order-id='{workOrderId}']")).ToHaveCountAsync(0);
        var stored = await WorkOrderAsync(supervisor, workOrderId);
        stored.GetProperty("status").GetString().Should().Be("Dispatched");
        stored.GetProperty("technicianId").GetGuid().Should().Be(technicianId);
    }

    [Fact]
    public async Task Another_estates_board_is_a_plain_message()
    {
        await SignInAsync($"/dispatch?estate={DemoGroup.South}", MaintenanceSupervisorNorth);

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("This record does not exist or is not in an estate you work for.");
        await Assertions.Expect(Page.Locator("ul.work-orders")).ToHaveCountAsync(0);
    }
}
