using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;
using static PropertyPlatform.BrowserTests.FieldArrangements;

namespace PropertyPlatform.BrowserTests;

/// <summary>An estate of real size: the clerk finds a unit far past the first hundred by typing its number at intake.</summary>
public sealed class LargeEstateUnitTests(BrowserSystem system) : BrowserTest(system)
{
    private const int Units = 150;

    [Fact]
    public async Task A_unit_past_the_first_hundred_is_found_by_its_number_at_intake_and_stored_with_the_request()
    {
        // A building of 150 units in North, registered through reception as the registry keeper would.
        using var api = await System.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var code = Unique("T").Replace(" ", "", StringComparison.Ordinal)[..6];
        using var created = await api.PostAsJsonAsync($"/api/reception/estates/{DemoGroup.North}/buildings", new { code, name = $"Tower {code}" }, Ct);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var buildingId = (await created.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("id").GetGuid();
        var units = new Dictionary<string, Guid>();
        foreach (var batch in Enumerable.Range(1, Units).Chunk(10))
        {
            await Task.WhenAll(batch.Select(async i =>
            {
                using var unit = await api.PostAsJsonAsync("/api/reception/units", new
                {
                    estateId = DemoGroup.North, buildingId, number = $"{1000 + i}", floor = 10, floorArea = 88.5m, usage = "residential",
                }, Ct);
                unit.StatusCode.Should().Be(HttpStatusCode.Created, await unit.Content.ReadAsStringAsync(Ct));
                var id = (await unit.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("id").GetGuid();
                lock (units)
                {
                    units[$"{1000 + i}"] = id;
                }
            }));
        }

        var description = Unique("Balcony door jammed");
        await SignInAsync("/desk/intake", DemoGroup.ClerkNorth);
        await WaitForInteractiveFormAsync();

        await PickUnitAsync("114", $"{code} – 1140");
        await AssertAccessibleAsync();
        await TypeIntoTextAreaAsync("description", description);
        await FillFieldAsync("requesterName", "Sun Li");
        await Button("Record").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/desk/queue"));
        var requests = await api.GetFromJsonAsync<JsonElement>($"/api/reception/requests?estateId={DemoGroup.North}&limit=100", ApiJson.Options, Ct);
        var stored = requests.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("description").GetString() == description);
        stored.GetProperty("unitId").GetGuid().Should().Be(units["1140"]);
    }
}
