using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Npgsql;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// What the field journeys (technician, dispatch board, customer-service supervisor) need that the demo group lacks,
/// arranged through the API as the people themselves would: hr-training puts tech.north on duty, the maintenance
/// supervisor opens and dispatches work orders, the desk records complaints.
/// </summary>
public static class FieldArrangements
{
    public const string SupervisorNorth = "supervisor.north";
    public const string MaintenanceSupervisorNorth = "supervisor.maint";

    /// <summary>A 24×16 PNG, what the phone's camera hands the technician's page.</summary>
    public static readonly byte[] Photo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAGklEQVR42mOQqzhBFcQwatCoQaMGjRpEGQIA86QNH1j7Fs8AAAAASUVORK5CYII=");

    /// <summary>How long the services may take to hear each other's events on a loaded machine.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    private static readonly SemaphoreSlim OnDutyOnce = new(1, 1);
    private static Guid? _technicianOnDuty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
    }

    /// <summary>
    /// tech.north's account id, with tech.north hired, certified for plumbing and on North's published roster now at
    /// hr-training (once per run: the demo group has no staff files).
    /// </summary>
    public static async Task<Guid> TechnicianOnDutyAsync(BrowserSystem system)
    {
        await OnDutyOnce.WaitAsync(Ct);
        try
        {
            return _technicianOnDuty ??= await PutOnDutyAsync(system);
        }
        finally
        {
            OnDutyOnce.Release();
        }
    }

    private static async Task<Guid> PutOnDutyAsync(BrowserSystem system)
    {
        using var technician = await system.ApiAsync(DemoGroup.TechnicianNorth, Ct);
        var staffId = SubjectOf(technician);
        using var admin = await system.ApiAsync(DemoGroup.Admin, Ct);
        var estate = await admin.GetFromJsonAsync<JsonElement>($"/api/reception/estates/{DemoGroup.North}", ApiJson.Options, Ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(estate.GetProperty("timeZoneId").GetString()!);
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var shiftStart = localNow.AddHours(-1);
        string[] trades = ["plumbing", "electrical"];
        // hr-training needs North's calendar (from reception's events) before it plans a day there.
        await Eventually.Async(async () => (await admin.PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId, displayName = "North Technician", position = "technician", trades, homeEstateId = DemoGroup.North,
            estateIds = new[] { DemoGroup.North }, startsOn = Day(shiftStart),
        }, Ct)).IsSuccessStatusCode, WaitLimit, "hr-training takes tech.north on");
        await OkAsync(await admin.PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId, estateId = DemoGroup.North, trade = "plumbing", validFrom = Day(shiftStart), validUntil = Day(localNow.AddYears(1)),
        }, Ct), HttpStatusCode.Created);
        // Four hours from an hour ago; an end before the start is the next morning (a night shift).
        await OkAsync(await admin.PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = DemoGroup.North, day = Day(shiftStart), staffId, shift = "day", trade = "plumbing",
            startsAt = shiftStart.ToString("HH:mm", CultureInfo.InvariantCulture), endsAt = localNow.AddHours(3).ToString("HH:mm", CultureInfo.InvariantCulture),
        }, Ct), HttpStatusCode.Created);
        await OkAsync(await admin.PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = DemoGroup.North, day = Day(shiftStart) }, Ct));
        return staffId;
    }

    /// <summary>A plumbing work order on North 1-101, opened by the maintenance supervisor; returns its id.</summary>
    public static async Task<Guid> NewWorkOrderAsync(HttpClient maintenanceSupervisor, string description)
    {
        JsonElement created = default;
        // Maintenance must have heard of North from reception (its calendar and currency) before it opens work there.
        await Eventually.Async(async () =>
        {
            var response = await maintenanceSupervisor.PostAsJsonAsync("/api/maintenance/work-orders", new
            {
                estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, trade = "plumbing", description, urgency = "normal",
            }, Ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            created = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
            return true;
        }, WaitLimit, "maintenance opens a work order in North");
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// Waits until maintenance offers the technician as eligible for the order (hr-training's events have arrived);
    /// <paramref name="trade"/> for an order without one (reception's repairs).
    /// </summary>
    public static async Task WaitUntilEligibleAsync(HttpClient maintenanceSupervisor, Guid workOrderId, Guid staffId, string? trade = null) =>
        await Eventually.Async(async () =>
        {
            var candidates = await maintenanceSupervisor.GetFromJsonAsync<JsonElement>(
                $"/api/maintenance/work-orders/{workOrderId}/candidates{(trade is null ? "" : $"?trade={trade}")}", ApiJson.Options, Ct);
            return candidates.GetProperty("candidates").EnumerateArray()
                .Any(c => c.GetProperty("staffId").GetGuid() == staffId && c.GetProperty("eligible").GetBoolean());
        }, WaitLimit, "maintenance learns from hr-training that tech.north is certified and on duty");

    public static async Task<JsonElement> WorkOrderAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders/{id}", ApiJson.Options, Ct);

    /// <summary>
    /// An inquiry the desk took on North 1-101 <paramref name="ago"/> and never routed: recorded through reception's API,
    /// then its received time and routing clock set back in reception's database (a clock cannot be moved from a
    /// browser), so reception's deadline monitor finds the 5 minutes long gone and records the breach, and after 30
    /// more minutes the escalation to the estate manager, as it would have. Returns the request's id once reception lists
    /// its breach.
    /// </summary>
    public static async Task<Guid> UnroutedRequestAsync(this BrowserSystem system, string description, TimeSpan ago)
    {
        using var clerk = await system.ApiAsync(DemoGroup.ClerkNorth, Ct);
        var request = await OkAsync(await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "phone", category = "inquiry", urgency = "normal", description,
            requesterName = "Li Wei", requesterPhone = "13800001234",
        }, Ct), HttpStatusCode.Created);
        var requestId = request.GetProperty("id").GetGuid();

        await using (var connection = new NpgsqlConnection(await system.App.GetConnectionStringAsync("reception-db", Ct)))
        {
            await connection.OpenAsync(Ct);
            await using var setBack = new NpgsqlCommand(
                """
                UPDATE customer_requests
                SET received_at = received_at - @ago, routing_started_at = routing_started_at - @ago, routing_due_at = routing_due_at - @ago,
                    routing_warn_at = routing_warn_at - @ago, routing_next_check_at = routing_next_check_at - @ago
                WHERE id = @id AND routing_completed_at IS NULL AND routing_breached_at IS NULL
                """, connection);
            setBack.Parameters.AddWithValue("ago", ago);
            setBack.Parameters.AddWithValue("id", requestId);
            (await setBack.ExecuteNonQueryAsync(Ct)).Should().Be(1, "the inquiry waits unrouted, its clock running");
        }

        using var supervisor = await system.ApiAsync(SupervisorNorth, Ct);
        await Eventually.Async(async () =>
        {
            var breaches = await supervisor.GetFromJsonAsync<JsonElement>($"/api/reception/sla-events?estateId={DemoGroup.North}&kind=Breached&limit=50", ApiJson.Options, Ct);
            return breaches.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("subjectId").GetGuid() == requestId);
        }, WaitLimit, "reception's deadline monitor records the missed routing");
        return requestId;
    }

    public static string Unique(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 9)];

    /// <summary>
    /// A unit of the test's own in North's first building, registered at reception by <paramref name="clerk"/> (the demo
    /// units are lived in, and other tests pay on them): its id, its number and its "building – number" label.
    /// </summary>
    public static async Task<(Guid Id, string Number, string Label)> NewUnitAsync(HttpClient clerk, string prefix = "OW")
    {
        var number = Unique(prefix).Replace(' ', '-');
        var buildings = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/estates/{DemoGroup.North}/buildings", ApiJson.Options, Ct);
        var building = buildings.GetProperty("items")[0];
        using var registered = await clerk.PostAsJsonAsync("/api/reception/units", new
        {
            estateId = DemoGroup.North, buildingId = building.GetProperty("id").GetGuid(), number, floor = 9, floorArea = 88.5m, usage = "residential",
        }, Ct);
        var unitId = (await OkAsync(registered, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return (unitId, number, $"{building.GetProperty("code").GetString()} – {number}");
    }

    private static string Day(DateTimeOffset local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The account id in the client's access token (identity's tokens are signed JWTs the services read).</summary>
    private static Guid SubjectOf(HttpClient client)
    {
        var payload = Base64Url.DecodeFromChars(client.DefaultRequestHeaders.Authorization!.Parameter!.Split('.')[1]);
        using var claims = JsonDocument.Parse(payload);
        return claims.RootElement.GetProperty("sub").GetGuid();
    }

    /// <summary>
    /// The <see cref="Photo"/> thumbnail under <paramref name="testId"/> came through the web app from maintenance, under
    /// the signed-in user's token, and the browser could draw it.
    /// </summary>
    public static Task<IJSHandle> PhotoDrawnAsync(this IPage page, string testId) => page.WaitForFunctionAsync(
        $"() => [...document.querySelectorAll('[data-testid={testId}] img')].some(i => i.complete && i.naturalWidth === 24)");
}
