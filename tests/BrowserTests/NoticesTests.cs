using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// The clerk publishes a notice to North and one to Li Wei's unit alone; he reads both on a phone, with the parcel
/// waiting for him at the desk.
/// </summary>
public sealed class NoticesTests(BrowserSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task Notices_the_clerk_publishes_to_the_estate_and_to_one_unit_reach_the_owner_who_also_sees_his_parcel_waiting_at_the_desk()
    {
        var title = Unique("Water off on Friday");
        var unitTitle = Unique("Your meter is read on Monday");
        var tracking = Unique("YT").Replace(' ', '-');
        using var desk = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        (await desk.PostAsJsonAsync("/api/reception/parcels", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, carrier = "YTO", trackingNumber = tracking, shelf = "C-2",
        }, Ct)).EnsureSuccessStatusCode();

        await SignInAsync("/desk/notices", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();
        await Button("Publish").ClickAsync();
        await Assertions.Expect(Page.Locator("#title-field")).ToContainTextAsync("Required");
        await FillFieldAsync("title", title);
        await TypeIntoTextAreaAsync("noticeBody", "The water is off from 9:00 to 12:00 for pipe work.");
        await Button("Publish").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("notice-published")).ToContainTextAsync(title);
        await Assertions.Expect(Page.Locator("li", new() { HasText = title })).ToContainTextAsync("The whole estate");
        await AssertAccessibleAsync();
        var notices = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/notices?estateId={DemoGroup.North}&limit=50", ApiJson.Options, Ct);
        var stored = notices.GetProperty("items").EnumerateArray().Should().ContainSingle(n => n.GetProperty("title").GetString() == title).Subject;
        (stored.GetProperty("audience").GetString(), stored.GetProperty("showing").GetBoolean()).Should().Be(("Estate", true));

        await Page.Locator("#audience").ClickAsync();
        await Page.Locator("fluent-option:visible", new() { HasText = "One unit" }).ClickAsync();
        await PickUnitAsync("10", "1 – 101");
        await FillFieldAsync("title", unitTitle);
        await TypeIntoTextAreaAsync("noticeBody", "Please leave the meter cupboard open.");
        await Button("Publish").ClickAsync();
        await Assertions.Expect(Page.Locator("li", new() { HasText = unitTitle })).ToContainTextAsync("One unit 1 – 101");
        var unitNotice = await desk.GetFromJsonAsync<JsonElement>($"/api/reception/notices?estateId={DemoGroup.North}&limit=50", ApiJson.Options, Ct);
        unitNotice.GetProperty("items").EnumerateArray().Should().ContainSingle(n => n.GetProperty("title").GetString() == unitTitle)
            .Which.GetProperty("unitId").GetGuid().Should().Be(DemoGroup.NorthUnit101);

        await Context.ClearCookiesAsync();
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await SignInAsync("/owner/notices", DemoGroup.OwnerNorth);
        await Assertions.Expect(Page.Locator("li", new() { HasText = title })).ToContainTextAsync("pipe work");
        await Assertions.Expect(Page.Locator("li", new() { HasText = unitTitle })).ToContainTextAsync("meter cupboard");
        await AssertAccessibleAsync();

        await Page.GotoAsync("/owner/parcels");
        await Assertions.Expect(Page.GetByTestId("waiting-parcels").Locator("li", new() { HasText = tracking })).ToContainTextAsync("On shelf C-2");
        await AssertAccessibleAsync();
    }
}
