using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The technician on a phone: their open work orders, and one taken from start to completion with the parts used and a photo.</summary>
public sealed class TechnicianTests(BrowserSystem system) : BrowserTest(system)
{
    protected override ViewportSize Viewport => Phone;

    [Fact]
    public async Task A_technician_starts_arrives_and_completes_a_dispatched_work_order_with_a_part_from_the_store_and_a_photo_on_a_phone()
    {
        var technicianId = await TechnicianOnDutyAsync(System);
        using var supervisor = await System.ApiAsync(MaintenanceSupervisorNorth, Ct);
        var description = Unique("Dripping tap in the bathroom");
        var workOrderId = await NewWorkOrderAsync(supervisor, description);
        await WaitUntilEligibleAsync(supervisor, workOrderId, technicianId);
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId }, Ct));
        var code = Unique("TAP").Replace(' ', '-');
        var part = await OkAsync(await supervisor.PostAsJsonAsync("/api/maintenance/store/parts", new
        {
            estateId = DemoGroup.North, code, name = "Tap cartridge", unit = "piece", reorderLevel = 1m,
        }, Ct), HttpStatusCode.Created);
        await OkAsync(await supervisor.PostAsJsonAsync($"/api/maintenance/store/parts/{part.GetProperty("id").GetGuid()}/receipts", new { quantity = 5m }, Ct),
            HttpStatusCode.Created);

        await SignInAsync("/", DemoGroup.TechnicianNorth);
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/tech/work-orders"));
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = description }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("status")).ToHaveTextAsync("Dispatched");
        await Assertions.Expect(Page.Locator("fluent-button[data-interactive=true]")).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync("() => customElements.get('fluent-button') !== undefined");
        await Button("Start").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("status")).ToHaveTextAsync("Started");
        await Button("I have arrived").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("status")).ToHaveTextAsync("On site");
        await WaitForInteractiveFormAsync();
        await Assertions.Expect(Page.Locator("#photo-input")).ToHaveAttributeAsync("accept", "image/*");
        await Page.Locator("#photo-input").SetInputFilesAsync(new FilePayload { Name = "tap.png", MimeType = "image/png", Buffer = Photo });
        await Assertions.Expect(Page.GetByTestId("picked-photos").GetByRole(AriaRole.Img)).ToHaveCountAsync(1);

        // Without the labour: maintenance's field error next to the field, and the order stays on site.
        await Button("Add a part").ClickAsync();
        await Page.Locator("#part-0").ClickAsync();
        await Page.Locator("fluent-option", new() { HasText = code }).ClickAsync();
        await FillFieldAsync("quantity-0", "2");
        await Button("Complete").Last.ClickAsync();
        await Assertions.Expect(Page.Locator("#labourMinutes-field")).ToContainTextAsync("Required");
        await AssertAccessibleAsync();

        await FillFieldAsync("labourMinutes", "35");
        await Page.Locator("#testDone").ClickAsync();
        await Page.Locator("#siteCleaned").ClickAsync();
        await Page.PhotoDrawnAsync("picked-photos");
        await SaveDocumentationScreenshotAsync("technician-completion-phone.png");
        await Button("Complete").Last.ClickAsync();

        await Assertions.Expect(Page.GetByTestId("completed")).ToContainTextAsync("Tap cartridge × 2");
        // The thumbnail came through the web app from maintenance, and the browser could draw it.
        await Page.PhotoDrawnAsync("completion-photos");
        var stored = await WorkOrderAsync(supervisor, workOrderId);
        var photoId = stored.GetProperty("completionPhotoIds").EnumerateArray().Should().ContainSingle().Subject.GetGuid();
        (await supervisor.GetByteArrayAsync($"/api/maintenance/work-orders/{workOrderId}/photos/{photoId}", Ct)).Should().Equal(Photo);
        stored.GetProperty("status").GetString().Should().Be("Completed");
        stored.GetProperty("labourMinutes").GetInt32().Should().Be(35);
        stored.GetProperty("testDone").GetBoolean().Should().BeTrue();
        stored.GetProperty("partsUsed").EnumerateArray().Single().GetProperty("code").GetString().Should().Be(code.ToUpperInvariant());
        var stock = await supervisor.GetFromJsonAsync<JsonElement>($"/api/maintenance/store/parts/{part.GetProperty("id").GetGuid()}", ApiJson.Options, Ct);
        stock.GetProperty("onHand").GetDecimal().Should().Be(3m, "the two parts used left the store against the order");
    }

    [Fact]
    public async Task My_work_orders_lists_only_the_signed_in_technicians_open_orders_with_estate_local_due_times()
    {
        var technicianId = await TechnicianOnDutyAsync(System);
        using var supervisor = await System.ApiAsync(MaintenanceSupervisorNorth, Ct);
        var mine = Unique("Flickering corridor light");
        var notDispatched = Unique("Loose handrail");
        var workOrderId = await NewWorkOrderAsync(supervisor, mine);
        await NewWorkOrderAsync(supervisor, notDispatched);
        await WaitUntilEligibleAsync(supervisor, workOrderId, technicianId);
        var dispatched = await OkAsync(await supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId }, Ct));
        var estate = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reception/estates/{DemoGroup.North}", ApiJson.Options, Ct);
        var dueLocal = TimeZoneInfo.ConvertTime(
            dispatched.GetProperty("workOrder").GetProperty("completionDueAt").GetDateTimeOffset(),
            TimeZoneInfo.FindSystemTimeZoneById(estate.GetProperty("timeZoneId").GetString()!));

        await SignInAsync("/tech/work-orders", DemoGroup.TechnicianNorth);

        var row = Page.Locator("li", new() { HasText = mine });
        await Assertions.Expect(row).ToContainTextAsync($"Complete by {dueLocal.ToString("g", CultureInfo.GetCultureInfo("en-US"))}");
        await Assertions.Expect(Page.GetByText(notDispatched)).ToHaveCountAsync(0);
    }
}
