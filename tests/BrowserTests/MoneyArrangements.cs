using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// What the money journeys (the cashier's counter, the owner's bills) need: something owed on a unit, and a payment
/// provider that confirms an online payment by calling billing back, signed, as a real one does.
/// </summary>
public static class MoneyArrangements
{
    private const string Guard = "guard.north";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Something to pay on <paramref name="unitId"/>: a visitor's parking overstay at the gate, which billing books on the
    /// unit's account (the demo group has no bills of its own). Answers the parking session's id, the item's source.
    /// </summary>
    public static async Task<Guid> ParkingChargeAsync(this BrowserSystem system, Guid unitId, CancellationToken ct)
    {
        using var admin = await system.ApiAsync(DemoGroup.Admin, ct);
        using var guard = await system.ApiAsync(Guard, ct);
        await Eventually.Async(async () => (await admin.PutAsJsonAsync($"/api/security-gate/parking/tariffs/{DemoGroup.North}", new { freeMinutes = 30, hourlyRate = 6.50m }, ct))
            .IsSuccessStatusCode, WaitLimit, "security-gate knows North's currency and takes its tariff");
        var entered = await guard.PostAsJsonAsync("/api/security-gate/parking/sessions", new
        {
            estateId = DemoGroup.North, plate = $"沪B{Random.Shared.Next(10000, 99999)}", unitId, enteredAt = DateTimeOffset.UtcNow.AddMinutes(-140),
        }, ct);
        entered.StatusCode.Should().Be(HttpStatusCode.Created, await entered.Content.ReadAsStringAsync(ct));
        var sessionId = (await entered.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, ct)).GetProperty("id").GetGuid();
        (await guard.PostAsJsonAsync($"/api/security-gate/parking/sessions/{sessionId}/exit", new { }, ct)).EnsureSuccessStatusCode();

        using var cashier = await system.ApiAsync("cashier.north", ct);
        await Eventually.Async(async () => (await cashier.GetFromJsonAsync<JsonElement>($"/api/billing/units/{unitId}/account", ApiJson.Options, ct))
            .GetProperty("openItems").EnumerateArray().Any(i => i.GetProperty("sourceId").GetGuid() == sessionId), WaitLimit, "billing books the gate's charge");
        return sessionId;
    }

    /// <summary>Waits until billing has heard of <paramref name="unitId"/> from reception: the counter finds it by its number then.</summary>
    public static async Task BillingKnowsUnitAsync(this BrowserSystem system, Guid unitId, CancellationToken ct)
    {
        using var cashier = await system.ApiAsync("cashier.north", ct);
        await Eventually.Async(async () =>
        {
            using var account = await cashier.GetAsync($"/api/billing/units/{unitId}/account", ct);
            return account.IsSuccessStatusCode;
        }, WaitLimit, "billing hears of the unit reception registered");
    }

    /// <summary>
    /// A charge (fee item other) the cashier raises on <paramref name="unitId"/> through billing's API, once (one
    /// Idempotency-Key for every try): billing may not have heard of a unit reception has just registered (404 until then).
    /// </summary>
    public static async Task StaffChargeAsync(this BrowserSystem system, Guid unitId, decimal amount, string description, CancellationToken ct)
    {
        using var cashier = await system.ApiAsync("cashier.north", ct);
        var key = $"browser-{Guid.NewGuid():N}";
        HttpStatusCode status = default;
        var answer = "";
        await Eventually.Async(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/charges")
            {
                Content = JsonContent.Create(new { unitId, feeItem = "other", amount, description }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await cashier.SendAsync(request, ct);
            (status, answer) = (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            return status != HttpStatusCode.NotFound;
        }, WaitLimit, "billing hears of the unit reception registered");
        status.Should().Be(HttpStatusCode.Created, answer);
    }
}
