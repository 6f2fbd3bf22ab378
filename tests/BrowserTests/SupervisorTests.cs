using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The customer-service supervisor of North Garden: breaches and escalations, complaint assignment, the weekly callback approval.</summary>
public sealed class SupervisorTests(BrowserSystem system) : BrowserTest(system)
{
    /// <summary>A complaint recorded at the desk and classified by the clerk: waiting for the supervisor to assign it.</summary>
    private async Task<Guid> ClassifiedComplaintAsync(string description)
    {
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var request = await OkAsync(await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "phone", category = "complaint", urgency = "normal", description,
            requesterName = "Li Wei", requesterPhone = "13800001234",
        }, Ct), HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        var complaints = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/complaints?estateId={DemoGroup.North}&status=Recorded&limit=100", ApiJson.Options, Ct);
        var complaintId = complaints.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("requestId").GetGuid() == requestId).GetProperty("id").GetGuid();
        await OkAsync(await clerk.PostAsJsonAsync($"/api/reception/complaints/{complaintId}/classify", new { kind = "Complaint", category = "Noise" }, Ct));
        return complaintId;
    }

    [Fact]
    public async Task The_supervisor_assigns_a_classified_complaint_and_a_missing_handler_is_shown_next_to_its_field()
    {
        var description = Unique("Karaoke next door every night");
        var complaintId = await ClassifiedComplaintAsync(description);

        await SignInAsync("/supervisor/complaints", SupervisorNorth);
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = description }).ClickAsync();
        await WaitForInteractiveFormAsync();
        await Button("Assign").ClickAsync();
        await Assertions.Expect(Page.Locator("#responsiblePerson-field")).ToContainTextAsync("Required");
        await AssertAccessibleAsync();

        await FillFieldAsync("responsiblePerson", "Wang Li");
        await FillFieldAsync("deadlineWorkingHours", "8");
        await Button("Assign").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("assigned")).ToContainTextAsync("Assigned to Wang Li, due");
        await Assertions.Expect(Page.Locator($"tr[data-complaint-id='{complaintId}']")).ToContainTextAsync("Wang Li");
        using var api = await System.ApiAsync(SupervisorNorth, Ct);
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/reception/complaints/{complaintId}", ApiJson.Options, Ct);
        stored.GetProperty("status").GetString().Should().Be("Assigned");
        stored.GetProperty("responsiblePerson").GetString().Should().Be("Wang Li");
        stored.GetProperty("department").GetString().Should().Be("CustomerService");
    }

    [Fact]
    public async Task The_breach_list_shows_a_request_routed_too_late_and_its_escalation_to_the_estate_manager()
    {
        // Taken 40 minutes ago: due 35 minutes ago (the supervisor hears of it), escalated to the manager 30 minutes later.
        var requestId = await System.UnroutedRequestAsync(Unique("Where do bulky items go"), TimeSpan.FromMinutes(40));

        await SignInAsync("/", SupervisorNorth);
        // The navigation is also in the layout's drawer for narrow screens: the last one is the desktop's.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Breaches and escalations" }).Last.ClickAsync();

        var breach = Page.Locator($"tr[data-subject-id='{requestId}']");
        await Assertions.Expect(breach).ToHaveCountAsync(1);
        await Assertions.Expect(breach).ToContainTextAsync("Routing within 5 minutes");
        await Assertions.Expect(breach).ToContainTextAsync("CS supervisor");
        await Assertions.Expect(breach.GetByRole(AriaRole.Link, new() { Name = "Customer request" })).ToHaveAttributeAsync("href", $"desk/requests/{requestId}");
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Escalations", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator("nav.tabs a[aria-current=page]")).ToHaveTextAsync("Escalations");
        var escalation = Page.Locator($"tr[data-subject-id='{requestId}']");
        await Assertions.Expect(escalation).ToContainTextAsync("Estate manager (2)");
        await Assertions.Expect(escalation).ToContainTextAsync("Routing within 5 minutes");
    }

    [Fact]
    public async Task The_supervisor_follows_last_weeks_callback_review_and_the_estate_manager_approves_it()
    {
        using var supervisor = await System.ApiAsync(SupervisorNorth, Ct);
        Guid? approvalId = null;
        // Reception opens last week's review for every estate at start (and every Monday).
        await Eventually.Async(async () =>
        {
            var approvals = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reception/callback-approvals?estateId={DemoGroup.North}&status=Pending", ApiJson.Options, Ct);
            approvalId = approvals.GetProperty("items").EnumerateArray().Select(a => (Guid?)a.GetProperty("id").GetGuid()).FirstOrDefault();
            return approvalId is not null;
        }, WaitLimit, "reception opens last week's callback review");

        await SignInAsync("/", SupervisorNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Weekly callback approval" }).Last.ClickAsync();
        var row = Page.Locator($"tr[data-approval-id='{approvalId}']");
        await Assertions.Expect(row.GetByTestId("approval-status")).ToHaveTextAsync("Waiting for approval");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("manager-approves")).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await Context.ClearCookiesAsync();
        await SignInAsync($"/supervisor/callback-approvals?estate={DemoGroup.North}&approval={approvalId}", DemoGroup.ManagerNorth);
        await WaitForInteractiveFormAsync();
        await TypeIntoTextAreaAsync("note", "Calls checked");
        await Button("Approve the week").ClickAsync();

        await Assertions.Expect(Page.Locator($"tr[data-approval-id='{approvalId}']").GetByTestId("approval-status")).ToHaveTextAsync("Approved");
        var stored = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reception/callback-approvals/{approvalId}", ApiJson.Options, Ct);
        stored.GetProperty("status").GetString().Should().Be("Approved");
        stored.GetProperty("note").GetString().Should().Be("Calls checked");
    }
}
