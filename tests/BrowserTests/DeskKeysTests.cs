using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>The clerk keeps North Garden's key register: a key registered, issued until a time, taken back, its loans on record.</summary>
public sealed class DeskKeysTests(BrowserSystem system) : BrowserTest(system)
{
    private static readonly TimeZoneInfo NorthZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>An instant as the picker shows it: North Garden's wall clock, to the minute.</summary>
    private static string DueBackValue(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, NorthZone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_registered_key_is_issued_until_a_due_back_time_taken_back_and_the_loan_stays_in_its_history()
    {
        var label = Unique("Roof door");
        await SignInAsync("/", DemoGroup.ClerkNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Keys", Exact = true }).Last.ClickAsync();
        await WaitForInteractiveFormAsync();

        await Button("Register a key").ClickAsync();
        await Assertions.Expect(Page.Locator("#label-field")).ToContainTextAsync("Required");
        await FillFieldAsync("label", label);
        await FillFieldAsync("area", "Roof access, building 1");
        await Button("Register a key").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("key-done")).ToContainTextAsync($"Key {label} registered.");

        var keyRow = Page.Locator("tr[data-key-id]", new() { HasText = label });
        await keyRow.Locator("fluent-button", new() { HasText = "Issue" }).ClickAsync();
        await FillFieldAsync("issuedTo", "Chen the roofer");
        await FillFieldAsync("purpose", "Gutter cleaning");
        // The due-back time is a date-and-time picker, filled in with two hours from now on the estate's clock.
        var dueBack = Page.Locator("input#expectedReturnAt");
        await Assertions.Expect(dueBack).ToHaveAttributeAsync("type", "datetime-local");
        await Assertions.Expect(dueBack).ToHaveValueAsync(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"));
        // A time gone by is the field's error, next to it, and nothing is issued.
        await dueBack.FillAsync("2020-01-01T08:00");
        await dueBack.PressAsync("Tab");
        await Page.Locator("form fluent-button", new() { HasText = "Issue" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#expectedReturnAt-field")).ToContainTextAsync("That time has passed");
        // Tomorrow at 18:00 on North Garden's clock (Asia/Shanghai), whatever the browser's own time zone.
        var tomorrowAtSix = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, NorthZone).Date.AddDays(1).AddHours(18);
        var picked = new DateTimeOffset(tomorrowAtSix, NorthZone.GetUtcOffset(tomorrowAtSix));
        await dueBack.FillAsync(DueBackValue(picked));
        await dueBack.PressAsync("Tab");
        await Page.Locator("form fluent-button", new() { HasText = "Issue" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("key-done")).ToContainTextAsync($"Key {label} issued to Chen the roofer, due back");
        var loanRow = Page.Locator("tr[data-loan-id]", new() { HasText = label });
        await Assertions.Expect(loanRow).ToHaveAttributeAsync("data-overdue", "false");
        await Assertions.Expect(keyRow).ToContainTextAsync("Out");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("clerk-keys.png");

        await loanRow.Locator("fluent-button", new() { HasText = "Take back" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("key-done")).ToContainTextAsync($"Key {label} back in the office");
        await Assertions.Expect(loanRow).ToHaveCountAsync(0);
        await keyRow.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("key-history")).ToContainTextAsync("Chen the roofer");
        await Assertions.Expect(Page.GetByTestId("key-history")).Not.ToContainTextAsync("not back yet");

        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var keys = await api.GetFromJsonAsync<JsonElement>($"/api/reception/keys?estateId={DemoGroup.North}&limit=100", ApiJson.Options, Ct);
        var key = keys.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("label").GetString() == label);
        key.GetProperty("isOut").GetBoolean().Should().BeFalse();
        var loans = await api.GetFromJsonAsync<JsonElement>($"/api/reception/keys/{key.GetProperty("id").GetGuid()}/loans", ApiJson.Options, Ct);
        var loan = loans.GetProperty("items").EnumerateArray().Single();
        loan.GetProperty("issuedTo").GetString().Should().Be("Chen the roofer");
        loan.GetProperty("expectedReturnAt").GetDateTimeOffset().Should().Be(picked);
        loan.GetProperty("returnedAt").ValueKind.Should().Be(JsonValueKind.String);
    }
}
