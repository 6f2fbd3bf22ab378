using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The clerk at North Garden works the estate's complaints by the deadline that applies to each.</summary>
public sealed class DeskComplaintsTests(BrowserSystem system) : BrowserTest(system)
{
    /// <summary>A complaint recorded at the desk as a request of category complaint; its id.</summary>
    private static async Task<Guid> RecordComplaintAsync(HttpClient clerk, string description)
    {
        var request = await OkAsync(await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "phone", category = "complaint", urgency = "normal", description,
            requesterName = "Li Wei", requesterPhone = "13800001234",
        }, Ct), HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        var complaints = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/complaints?estateId={DemoGroup.North}&status=Recorded&limit=100", ApiJson.Options, Ct);
        return complaints.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("requestId").GetGuid() == requestId).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_clerk_sees_complaints_soonest_deadline_first_then_classifies_one_and_resolves_and_informs_another()
    {
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        using var supervisor = await System.ApiAsync(SupervisorNorth, Ct);
        // Assigned with 8 working hours to resolve it: due later than a complaint just recorded, which must be routed in 5 minutes.
        var assignedDescription = Unique("Bins left open by the gate");
        var assigned = await RecordComplaintAsync(clerk, assignedDescription);
        await OkAsync(await clerk.PostAsJsonAsync($"/api/reception/complaints/{assigned}/classify", new { kind = "Complaint", category = "Cleaning" }, Ct));
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/reception/complaints/{assigned}/assign",
            new { department = "Cleaning", responsiblePerson = "Team B", deadlineWorkingHours = 8 }, Ct));
        var recordedDescription = Unique("Drilling on Sunday morning");
        var recorded = await RecordComplaintAsync(clerk, recordedDescription);

        await SignInAsync("/", DemoGroup.ClerkNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Complaints by deadline" }).Last.ClickAsync();
        // The rows as the circuit shows them: the prerendered table is replaced when the page starts afresh in the circuit,
        // which could otherwise happen between the checks below (a run read the order of a table without the new row).
        await WaitForInteractiveAsync();
        var recordedRow = Page.Locator($"tr[data-complaint-id='{recorded}']");
        var assignedRow = Page.Locator($"tr[data-complaint-id='{assigned}']");
        await Assertions.Expect(recordedRow.GetByTestId("complaint-deadline")).ToContainTextAsync(new Regex("Route within 5 minutes: (.+ left|overdue by)"));
        await Assertions.Expect(assignedRow.GetByTestId("complaint-deadline")).ToContainTextAsync("Resolve:");
        var order = await Page.Locator("tr[data-complaint-id]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.complaintId)");
        Array.IndexOf(order, recorded.ToString()).Should().BeLessThan(Array.IndexOf(order, assigned.ToString()), "the 5-minute routing deadline comes first");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("clerk-complaints.png");

        await recordedRow.GetByRole(AriaRole.Link).ClickAsync();
        await WaitForInteractiveAsync();
        await Button("Classify").Last.ClickAsync();
        await Assertions.Expect(Page.Locator("#kind-field")).ToContainTextAsync("Must be one of: Complaint, Suggestion, Opinion.");
        await Page.Locator("#kind").ClickAsync();
        await Page.Locator("#kind fluent-option", new() { HasTextString = "Complaint" }).ClickAsync();
        await Page.Locator("#category").ClickAsync();
        await Page.Locator("#category fluent-option", new() { HasTextString = "Noise" }).ClickAsync();
        await Button("Classify").Last.ClickAsync();
        await Assertions.Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("Classified, to assign");
        await AssertAccessibleAsync();

        await Page.GotoAsync($"/desk/complaints/{assigned}?estate={DemoGroup.North}");
        await WaitForInteractiveAsync();
        await TypeIntoTextAreaAsync("resolution", "Bins moved inside the fence");
        await Button("Resolve").Last.ClickAsync();
        await Assertions.Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("Resolved");
        await TypeIntoTextAreaAsync("informNote", "Told Mr Li by phone");
        await Button("Tell the resident").Last.ClickAsync();
        await Assertions.Expect(Page.GetByTestId("complaint-status")).ToHaveTextAsync("Resident told");
        await Assertions.Expect(Page.GetByTestId("complaint-history")).ToContainTextAsync("Told Mr Li by phone");

        var classified = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/complaints/{recorded}", ApiJson.Options, Ct);
        classified.GetProperty("status").GetString().Should().Be("Classified");
        classified.GetProperty("category").GetString().Should().Be("Noise");
        var informed = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/complaints/{assigned}", ApiJson.Options, Ct);
        informed.GetProperty("status").GetString().Should().Be("ResidentInformed");
        informed.GetProperty("resolution").GetString().Should().Be("Bins moved inside the fence");
    }
}
