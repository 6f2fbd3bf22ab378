using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The clerk at the desk's counter: a parcel recorded on its shelf and handed over to the resident.</summary>
public sealed class DeskCounterTests(BrowserSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task A_parcel_recorded_on_its_shelf_waits_at_the_desk_until_it_is_handed_over()
    {
        var tracking = Unique("SF").Replace(' ', '-');
        await SignInAsync("/", DemoGroup.ClerkNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Parcels" }).Last.ClickAsync();
        await WaitForInteractiveFormAsync();

        await Button("Record the arrival").ClickAsync();
        await Assertions.Expect(Page.Locator("#shelf-field")).ToContainTextAsync("Required");
        await AssertAccessibleAsync();

        await PickUnitAsync("10", "1 – 101");
        await FillFieldAsync("carrier", "SF Express");
        await FillFieldAsync("trackingNumber", tracking);
        await FillFieldAsync("shelf", "B-3");
        await Button("Record the arrival").ClickAsync();

        await Assertions.Expect(Page.GetByTestId("parcel-done")).ToContainTextAsync("On shelf B-3 for unit 1 – 101");
        var row = Page.Locator("tr", new() { HasText = tracking });
        await row.Locator("fluent-button", new() { HasText = "Hand over" }).ClickAsync();
        await FillFieldAsync("collectedBy", "Li Wei");
        await Page.Locator("form fluent-button", new() { HasText = "Hand over" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("parcel-done")).ToContainTextAsync("Handed over to Li Wei");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var collected = await api.GetFromJsonAsync<JsonElement>($"/api/reception/parcels?estateId={DemoGroup.North}&waiting=false&limit=100", ApiJson.Options, Ct);
        var stored = collected.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("trackingNumber").GetString() == tracking);
        stored.GetProperty("shelf").GetString().Should().Be("B-3");
        stored.GetProperty("unitId").GetGuid().Should().Be(DemoGroup.NorthUnit101);
        stored.GetProperty("collectedBy").GetString().Should().Be("Li Wei");
    }
}
