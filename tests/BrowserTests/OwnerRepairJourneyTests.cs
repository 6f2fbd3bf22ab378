using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// Li Wei's leak from report to acceptance, across the owner portal on his phone and the staff console: the clerk's
/// queue and the request with the completion's photo, maintenance's dispatch (arranged through the API: the dispatch board
/// has its own test), the technician's phone.
/// </summary>
public sealed class OwnerRepairJourneyTests(BrowserSystem system) : BrowserTest(system)
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    protected override ViewportSize Viewport => Phone;

    [Fact]
    public async Task An_owner_reports_a_leak_and_follows_it_through_the_desk_dispatch_and_the_technician_to_accepting_it_and_answering_the_callback()
    {
        var technicianId = await TechnicianOnDutyAsync(System);
        var leak = Unique("Leak under the kitchen sink");

        await SignInAsync("/owner/report", DemoGroup.OwnerNorth);
        await WaitForInteractiveFormAsync();
        await TypeIntoTextAreaAsync("description", leak);
        await Button("Send").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("reported")).ToContainTextAsync("Received");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Follow your request" }).ClickAsync();
        await Assertions.Expect(Page.Locator("[data-step=received]")).ToBeVisibleAsync();
        var requestId = Guid.Parse(Page.Url.Split('/')[^1]);

        var clerk = await OtherPersonAsync(DemoGroup.ClerkNorth, $"/desk/queue?estate={DemoGroup.North}", Desktop);
        await Assertions.Expect(clerk.Locator("tr", new() { HasText = leak })).ToBeVisibleAsync();

        using var supervisor = await System.ApiAsync(MaintenanceSupervisorNorth, Ct);
        using var desk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var workOrderId = await WorkOrderOfAsync(supervisor, requestId);
        await WaitUntilEligibleAsync(supervisor, workOrderId, technicianId, "plumbing");
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId, trade = "plumbing" }, Ct));
        var visit = DateTimeOffset.UtcNow.AddHours(2);
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/appointment", new { startsAt = visit, endsAt = visit.AddHours(2) }, Ct));
        await Eventually.Async(async () => (await desk.GetFromJsonAsync<JsonElement>(
                $"/api/reception/appointments?estateId={DemoGroup.North}&status=Proposed&limit=100", ApiJson.Options, Ct))
            .GetProperty("items").EnumerateArray().Any(a => a.GetProperty("requestId").GetString() == requestId.ToString()),
            WaitLimit, "reception hears of maintenance's proposal");

        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByTestId("proposal")).ToContainTextAsync("Maintenance proposes a visit");
        await Assertions.Expect(Page.Locator("fluent-button[data-interactive=true]")).ToBeVisibleAsync();
        await Button("Agree this time").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("proposal")).ToHaveCountAsync(0);
        await Eventually.Async(async () => (await WorkOrderAsync(supervisor, workOrderId)).GetProperty("appointmentStatus").GetString() == "Agreed",
            WaitLimit, "maintenance hears the owner agreed the visit");

        var phone = await OtherPersonAsync(DemoGroup.TechnicianNorth, "/tech/work-orders", Phone);
        await phone.GetByRole(AriaRole.Link, new() { Name = leak }).ClickAsync();
        await Assertions.Expect(phone.Locator("fluent-button[data-interactive=true]")).ToBeVisibleAsync();
        await phone.Locator("fluent-button", new() { HasText = "Start" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("status")).ToHaveTextAsync("Started");
        await phone.Locator("fluent-button", new() { HasText = "I have arrived" }).ClickAsync();
        await Assertions.Expect(phone.GetByTestId("status")).ToHaveTextAsync("On site");
        await Assertions.Expect(phone.Locator("form[data-interactive=true]")).ToBeVisibleAsync();
        await FillFieldAsync("labourMinutes", "40", phone);
        await phone.Locator("#testDone").ClickAsync();
        await phone.Locator("#siteCleaned").ClickAsync();
        await phone.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "sink.png", MimeType = "image/png", Buffer = Photo });
        await Assertions.Expect(phone.GetByTestId("picked-photos").GetByRole(AriaRole.Img)).ToHaveCountAsync(1);
        await phone.Locator("fluent-button", new() { HasText = "Complete" }).Last.ClickAsync();
        await ExpectVisibleAsync(phone, phone.GetByTestId("completed"));

        await Eventually.Async(async () => (await desk.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}", ApiJson.Options, Ct))
            .GetProperty("status").GetString() == "Completed", WaitLimit, "reception hears the repair is done and plans the callback");
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByTestId("status")).ToHaveTextAsync("Completed");
        var timeline = Page.GetByTestId("timeline");
        foreach (var step in new[] { "received", "routed", "dispatched", "appointment-agreed", "accepted", "arrived", "completed" })
        {
            await Assertions.Expect(timeline.Locator($"[data-step={step}]")).ToBeVisibleAsync();
        }

        await Assertions.Expect(timeline.Locator("[data-step=dispatched]")).ToContainTextAsync("Technician assigned");
        await Assertions.Expect(Page.GetByTestId("completion-photos").GetByRole(AriaRole.Img, new() { Name = "Photo 1" })).ToBeVisibleAsync();
        await Page.PhotoDrawnAsync("completion-photos");
        await clerk.GotoAsync($"/desk/requests/{requestId}");
        await clerk.PhotoDrawnAsync("completion-photos");
        await Assertions.Expect(Page.Locator("form[data-interactive=true]").First).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("owner-request-phone.png");

        await Button("Accept the repair").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("outcome")).ToContainTextAsync("You accepted the repair");
        (await WorkOrderAsync(supervisor, workOrderId)).GetProperty("status").GetString().Should().Be("Verified");

        await Choose("attitude", "5 · Very satisfied");
        await Choose("quality", "4 · Satisfied");
        await Choose("speed", "5 · Very satisfied");
        await TypeIntoTextAreaAsync("suggestions", "Call before coming");
        await Button("Send answers").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("survey-outcome")).ToContainTextAsync("Thank you");
        var callbacks = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/callbacks?estateId={DemoGroup.North}&status=Completed&limit=100", ApiJson.Options, Ct);
        var answered = callbacks.GetProperty("items").EnumerateArray().Should().ContainSingle(c => c.GetProperty("requestId").GetGuid() == requestId).Subject;
        answered.GetProperty("satisfied").GetBoolean().Should().BeTrue();
        (answered.GetProperty("attitude").GetInt32(), answered.GetProperty("quality").GetInt32(), answered.GetProperty("speed").GetInt32())
            .Should().Be((5, 4, 5));
        answered.GetProperty("suggestions").GetString().Should().Be("Call before coming");
    }

    [Fact]
    public async Task An_owner_who_rejects_the_repair_names_a_reason_and_the_work_order_reopens()
    {
        var technicianId = await TechnicianOnDutyAsync(System);
        var leak = Unique("Leak behind the toilet");
        using var desk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var request = await OkAsync(await desk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "phone", category = "repair", urgency = "normal",
            description = leak, requesterName = "Li Wei", requesterPhone = "13800001234",
        }, Ct), HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();
        using var supervisor = await System.ApiAsync(MaintenanceSupervisorNorth, Ct);
        var workOrderId = await WorkOrderOfAsync(supervisor, requestId);
        await WaitUntilEligibleAsync(supervisor, workOrderId, technicianId, "plumbing");
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId, trade = "plumbing" }, Ct));
        using var technician = await System.ApiAsync(DemoGroup.TechnicianNorth, Ct);
        await OkAsync(await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/accept", new { }, Ct));
        await OkAsync(await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/arrive", new { }, Ct));
        await OkAsync(await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/complete",
            new { labourMinutes = 20, testDone = true, siteCleaned = true }, Ct));

        await SignInAsync("/owner/requests", DemoGroup.OwnerNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = leak }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex($"/owner/requests/{requestId}"));
        await Assertions.Expect(Page.Locator("form[data-interactive=true]").First).ToBeVisibleAsync();
        await Button("Reject").ClickAsync();
        await Assertions.Expect(Page.Locator("#reason-field")).ToContainTextAsync("Required");
        await TypeIntoTextAreaAsync("reason", "Still dripping");
        await Button("Reject").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("outcome")).ToContainTextAsync("the work order is reopened");
        await Assertions.Expect(Page.Locator("[data-step=reopened]")).ToContainTextAsync("Still dripping");
        var stored = await WorkOrderAsync(supervisor, workOrderId);
        stored.GetProperty("status").GetString().Should().Be("Reopened");
        stored.GetProperty("reopenReason").GetString().Should().Be("Still dripping");
    }

    /// <summary>The work order maintenance opened for the request (routed automatically: a repair).</summary>
    private static async Task<Guid> WorkOrderOfAsync(HttpClient supervisor, Guid requestId)
    {
        Guid? id = null;
        await Eventually.Async(async () =>
        {
            var page = await supervisor.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders?requestId={requestId}", ApiJson.Options, Ct);
            id = page.GetProperty("items").EnumerateArray().Select(w => (Guid?)w.GetProperty("id").GetGuid()).FirstOrDefault();
            return id is not null;
        }, WaitLimit, "maintenance opens the repair's work order");
        return id!.Value;
    }

    /// <summary>Picks an option of a FluentUI select: only the open select's options are visible.</summary>
    private async Task Choose(string id, string option)
    {
        await Page.Locator($"#{id}").ClickAsync();
        await Page.Locator("fluent-option:visible", new() { HasText = option }).ClickAsync();
    }
}
