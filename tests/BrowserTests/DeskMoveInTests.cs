using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The clerk's move-in wizard: a new household moved into a vacant unit of North Garden, step by step.</summary>
public sealed class DeskMoveInTests(BrowserSystem system) : BrowserTest(system)
{
    [Fact]
    public async Task A_move_in_without_its_water_reading_goes_back_to_the_handover_step_and_once_read_is_recorded_with_its_residents()
    {
        // A unit of its own, vacant: the demo units are lived in or used by other tests.
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var number = Unique("MI").Replace(' ', '-');
        var buildings = await api.GetFromJsonAsync<JsonElement>($"/api/reception/estates/{DemoGroup.North}/buildings", ApiJson.Options, Ct);
        var building = buildings.GetProperty("items")[0];
        using var registered = await api.PostAsJsonAsync("/api/reception/units", new
        {
            estateId = DemoGroup.North, buildingId = building.GetProperty("id").GetGuid(), number, floor = 12, floorArea = 90.5m,
            usage = "residential",
        }, Ct);
        registered.EnsureSuccessStatusCode();
        var unitId = (await registered.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("id").GetGuid();
        var phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}";
        var estateToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

        await SignInAsync("/", DemoGroup.ClerkNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Move-in", Exact = true }).Last.ClickAsync();
        await WaitForInteractiveFormAsync();
        await Page.WaitForFunctionAsync("() => customElements.get('fluent-button') !== undefined");

        // The date comes filled in: today on the estate's clock.
        await PickUnitAsync(number[..4], $"{building.GetProperty("code").GetString()} – {number}");
        await AssertAccessibleAsync();
        await Button("Next").ClickAsync();

        await FillFieldAsync("resident-0-fullName", "Zhang Min");
        await FillFieldAsync("resident-0-phone", phone);
        await Button("Next").ClickAsync();

        await Page.Locator("#documentsChecked").ClickAsync();
        await FillFieldAsync("keysHandedOver", "2");
        await FillFieldAsync("electricity", "1024.5");
        await Button("Next").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("move-in-review")).ToContainTextAsync("Zhang Min");
        await Button("Record the move-in").ClickAsync();

        // Reception refused it for the missing water reading: back on the handover step, the error beside the field.
        await Assertions.Expect(Page.Locator("#water")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#water-field")).ToContainTextAsync("Required");
        await AssertAccessibleAsync();
        await FillFieldAsync("water", "12.345");
        await Button("Next").ClickAsync();
        await Button("Record the move-in").ClickAsync();

        var recorded = Page.GetByTestId("move-in-recorded");
        await ExpectVisibleAsync(Page, recorded);
        await Assertions.Expect(recorded).ToContainTextAsync("Zhang Min");
        await Assertions.Expect(Page.GetByTestId("readings")).ToHaveTextAsync("water 12.345 m³, electricity 1024.5 kWh, gas — m³");
        await Assertions.Expect(Page.GetByTestId("moved-in-on")).ToHaveTextAsync(estateToday.ToString("D", CultureInfo.GetCultureInfo("en")));
        await SaveDocumentationScreenshotAsync("clerk-move-in.png");

        var residents = await api.GetFromJsonAsync<JsonElement>($"/api/reception/residents?unitId={unitId}&current=true", ApiJson.Options, Ct);
        var resident = residents.GetProperty("items").EnumerateArray().Single();
        resident.GetProperty("fullName").GetString().Should().Be("Zhang Min");
        resident.GetProperty("kind").GetString().Should().Be("Tenant");
        resident.GetProperty("movedInOn").GetString().Should().Be(estateToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var moveIn = await api.GetFromJsonAsync<JsonElement>($"/api/reception/move-ins/{resident.GetProperty("moveInId").GetGuid()}", ApiJson.Options, Ct);
        moveIn.GetProperty("waterReading").GetDecimal().Should().Be(12.345m);
        moveIn.GetProperty("keysHandedOver").GetInt32().Should().Be(2);
        var unit = await api.GetFromJsonAsync<JsonElement>($"/api/reception/units/{unitId}", ApiJson.Options, Ct);
        unit.GetProperty("status").GetString().Should().Be("Occupied");
    }
}
