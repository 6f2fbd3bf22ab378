using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The clerk's callbacks due: a completed repair's callback, its deadline as a clock, the script answered and stored.</summary>
public sealed class DeskCallbackTests(BrowserSystem system) : BrowserTest(system)
{
    /// <summary>
    /// A repair recorded at the desk, which maintenance opens as a work order; the maintenance supervisor dispatches it to
    /// tech.north, who completes it; reception hears the completion and queues the callback. Returns the request and callback.
    /// </summary>
    private async Task<(Guid RequestId, Guid CallbackId)> CompletedRepairAsync(string description)
    {
        var technicianId = await TechnicianOnDutyAsync(System);
        using var clerk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        using var supervisor = await System.ApiAsync(MaintenanceSupervisorNorth, Ct);
        using var technician = await System.ApiAsync(DemoGroup.TechnicianNorth, Ct);
        var request = await OkAsync(await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "phone", category = "repair", urgency = "normal", description,
            requesterName = "Li Wei", requesterPhone = "13800001234",
        }, Ct), HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();

        Guid? workOrderId = null;
        await Eventually.Async(async () =>
        {
            var page = await supervisor.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders?estateId={DemoGroup.North}&requestId={requestId}", ApiJson.Options, Ct);
            workOrderId = page.GetProperty("items").EnumerateArray().Select(o => (Guid?)o.GetProperty("id").GetGuid()).FirstOrDefault();
            return workOrderId is not null;
        }, WaitLimit, "maintenance opens the work order from reception's RepairRequested");
        await WaitUntilEligibleAsync(supervisor, workOrderId!.Value, technicianId, "plumbing");
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId, trade = "plumbing" }, Ct));
        await OkAsync(await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/accept", new { }, Ct));
        await OkAsync(await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/arrive", new { }, Ct));
        await OkAsync(await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/complete", new
        {
            parts = Array.Empty<object>(), labourMinutes = 30, testDone = true, siteCleaned = true, notes = "Replaced the washer",
        }, Ct));

        Guid? callbackId = null;
        await Eventually.Async(async () =>
        {
            var pending = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/callbacks?estateId={DemoGroup.North}&status=Pending&limit=100", ApiJson.Options, Ct);
            callbackId = pending.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("requestId").GetGuid() == requestId)
                .Select(c => (Guid?)c.GetProperty("id").GetGuid()).FirstOrDefault();
            return callbackId is not null;
        }, WaitLimit, "reception hears WorkOrderCompleted and queues the callback");
        return (requestId, callbackId!.Value);
    }

    private async Task ChooseAsync(string field, string answer)
    {
        await Page.Locator($"#{field}").ClickAsync();
        await Page.Locator($"#{field} fluent-option", new() { HasTextRegex = new Regex($"^\\s*{answer}\\s*$") }).ClickAsync();
    }

    private async Task OpenCallbackAsync(Guid callbackId)
    {
        await SignInAsync("/", DemoGroup.ClerkNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Callbacks due" }).Last.ClickAsync();
        var row = Page.Locator($"tr[data-callback-id='{callbackId}']");
        await Assertions.Expect(row.GetByTestId("callback-clock")).ToHaveTextAsync(new Regex("^Same day: .* left \\(by the end of .*\\)$"));
        await WaitForInteractiveAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "Call back" }).ClickAsync();
        await WaitForInteractiveFormAsync();
    }

    [Fact]
    public async Task A_completed_repairs_callback_is_due_the_same_day_and_its_answers_are_stored()
    {
        var description = Unique("Kitchen tap dripping");
        var (_, callbackId) = await CompletedRepairAsync(description);

        await OpenCallbackAsync(callbackId);
        await Assertions.Expect(Page.Locator("#call-heading")).ToContainTextAsync(description);
        await AssertAccessibleAsync();
        await ChooseAsync("attitude", "Very satisfied");
        await ChooseAsync("quality", "Satisfied");
        await ChooseAsync("speed", "Very satisfied");
        await TypeIntoTextAreaAsync("suggestions", "Call before coming");
        await SaveDocumentationScreenshotAsync("clerk-callbacks.png");
        await Button("Record the callback").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("callback-recorded")).ToContainTextAsync("The requester is satisfied");
        await Assertions.Expect(Page.Locator($"tr[data-callback-id='{callbackId}']")).ToHaveCountAsync(0);
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/reception/callbacks/{callbackId}", ApiJson.Options, Ct);
        stored.GetProperty("status").GetString().Should().Be("Completed");
        (stored.GetProperty("attitude").GetInt32(), stored.GetProperty("quality").GetInt32(), stored.GetProperty("speed").GetInt32()).Should().Be((5, 4, 5));
        stored.GetProperty("suggestions").GetString().Should().Be("Call before coming");
        stored.GetProperty("satisfied").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_missing_score_is_shown_next_to_its_field_and_a_dissatisfied_answer_shows_that_reception_reopened_the_request()
    {
        var (requestId, callbackId) = await CompletedRepairAsync(Unique("Bathroom ceiling leaking"));

        await OpenCallbackAsync(callbackId);
        await Button("Record the callback").ClickAsync();
        await Assertions.Expect(Page.Locator("#attitude-field")).ToContainTextAsync("Required");
        await ChooseAsync("attitude", "Satisfied");
        await ChooseAsync("quality", "Very dissatisfied");
        await ChooseAsync("speed", "Satisfied");
        await TypeIntoTextAreaAsync("shortcomings", "Still dripping");
        await Button("Record the callback").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("callback-recorded")).ToContainTextAsync("reception reopened the request (now Reopened)");
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var request = await api.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}", ApiJson.Options, Ct);
        request.GetProperty("status").GetString().Should().Be("Reopened");
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/reception/callbacks/{callbackId}", ApiJson.Options, Ct);
        stored.GetProperty("shortcomings").GetString().Should().Be("Still dripping");
    }
}
