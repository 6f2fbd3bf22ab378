using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// Reception's half of flow 1 and flow 7 through the gateway with real people signed in: an owner's leak reported in
/// the app is routed to maintenance within 5 minutes, its completion (maintenance's <c>WorkOrderCompleted</c>, published
/// here on the broker because maintenance does not publish it yet) starts the 24-hour callback, and the front desk's
/// call goes out on the broker for HR's appraisal or reopens the request; a move-in at the front desk occupies the unit
/// and tells billing on the broker from which estate-local date and meter readings to bill.
/// </summary>
public sealed class ReceptionFlowTests(Platform platform)
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private static readonly string[] MovedInKinds = ["Tenant", "Family"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ContentAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
    }

    private async Task<TestBus> StartBusAsync(Action<TestBus> listen)
    {
        var bus = new TestBus((await platform.ConnectionStringAsync("messaging"))!);
        listen(bus);
        return await bus.StartAsync(Ct);
    }

    /// <summary>
    /// The owner reports a leak in the app; maintenance opens the work order and reception marks the request routed;
    /// the technician's completion arrives on the broker; reception shows the request completed with a callback due 24 h later.
    /// </summary>
    private async Task<CompletedRepair> CompletedRepairAsync(TestBus bus, HttpClient clerk, string description)
    {
        using var owner = await platform.SignInAsync(DemoGroup.OwnerNorth, Ct, DemoGroup.OwnerApp);
        var technicianTokens = await platform.SignInForTokensAsync(DemoGroup.TechnicianNorth, Ct);
        using var technician = new HttpClient { BaseAddress = platform.Gateway.BaseAddress };
        technician.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", technicianTokens.AccessToken);
        var technicianId = Guid.Parse(Jwt.Claims(technicianTokens.AccessToken)["sub"].Single());

        var reported = await ContentAsync(await owner.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId = DemoGroup.North, unitId = DemoGroup.NorthUnit101, channel = "app", category = "repair", urgency = "urgent",
            description, requesterName = "Li Wei",
        }, Ct), HttpStatusCode.Created);
        var requestId = reported.GetProperty("id").GetGuid();
        reported.GetProperty("status").GetString().Should().Be("Received");

        JsonElement workOrder = default;
        await Eventually.Async(async () =>
        {
            var items = (await technician.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders?requestId={requestId}", ApiJson.Options, Ct))
                .GetProperty("items");
            workOrder = items.GetArrayLength() == 1 ? items[0] : default;
            return items.GetArrayLength() == 1;
        }, WaitLimit, "maintenance should open a work order for the owner's repair request");
        var workOrderId = workOrder.GetProperty("id").GetGuid();

        JsonElement request = default;
        await Eventually.Async(async () =>
        {
            request = await owner.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}", ApiJson.Options, Ct);
            return request.GetProperty("status").GetString() == "Routed";
        }, WaitLimit, "reception should hear WorkOrderCreated and mark the request routed");
        request.GetProperty("workOrderId").GetGuid().Should().Be(workOrderId);
        request.GetProperty("routingBreached").GetBoolean().Should().BeFalse("it was routed within 5 minutes");
        request.GetProperty("routedAt").GetDateTimeOffset().Should().BeOnOrBefore(request.GetProperty("routeBy").GetDateTimeOffset());

        // Maintenance does not publish the completion yet: the test does, exactly as maintenance's outbox will.
        var completedAt = DateTimeOffset.UtcNow;
        await bus.PublishAsync(new WorkOrderCompleted(
            Guid.CreateVersion7(), completedAt, DemoGroup.North, Guid.NewGuid(), workOrderId, requestId, DemoGroup.NorthUnit101,
            technicianId, "North Technician", "plumbing", Chargeable: false, Charge: null, Currency: null), Ct);

        await Eventually.Async(async () =>
        {
            request = await owner.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}", ApiJson.Options, Ct);
            return request.GetProperty("status").GetString() == "Completed";
        }, WaitLimit, "reception should hear WorkOrderCompleted and mark the request completed");
        request.GetProperty("technicianName").GetString().Should().Be("North Technician");

        JsonElement? callback = null;
        await Eventually.Async(async () =>
        {
            var pending = await clerk.GetFromJsonAsync<JsonElement>(
                $"/api/reception/callbacks?estateId={DemoGroup.North}&status=pending&limit=100", ApiJson.Options, Ct);
            callback = pending.GetProperty("items").EnumerateArray()
                .Select(c => (JsonElement?)c).FirstOrDefault(c => c!.Value.GetProperty("requestId").GetGuid() == requestId);
            return callback is not null;
        }, WaitLimit, "a completed repair gets a pending callback at the front desk");
        var call = callback!.Value;
        call.GetProperty("selection").GetString().Should().Be("Repair", "every repair is called back");
        call.GetProperty("workOrderId").GetGuid().Should().Be(workOrderId);
        call.GetProperty("technicianName").GetString().Should().Be("North Technician");
        call.GetProperty("overdue").GetBoolean().Should().BeFalse();
        var createdAt = call.GetProperty("createdAt").GetDateTimeOffset();
        createdAt.Should().BeCloseTo(completedAt, TimeSpan.FromMilliseconds(1), "the callback clock starts when the work was completed");
        (call.GetProperty("dueAt").GetDateTimeOffset() - createdAt).Should().Be(TimeSpan.FromHours(24), "an urgent leak is called back within 24 hours, around the clock");

        return new CompletedRepair(requestId, workOrderId, call.GetProperty("id").GetGuid(), technicianId);
    }

    private sealed record CompletedRepair(Guid RequestId, Guid WorkOrderId, Guid CallbackId, Guid TechnicianId);

    [Fact]
    public async Task A_leak_reported_in_the_app_is_routed_within_5_minutes_completed_and_called_back_and_the_scores_reach_the_broker_with_the_technician()
    {
        await using var bus = await StartBusAsync(b => b.Listen<CallbackCompleted>().Listen<RequestReopened>());
        using var clerk = await platform.SignInAsync(DemoGroup.ClerkNorth, Ct);
        var repair = await CompletedRepairAsync(bus, clerk, "Leak under the kitchen sink, water on the floor");

        var called = await ContentAsync(await clerk.PostAsJsonAsync($"/api/reception/callbacks/{repair.CallbackId}/complete", new
        {
            attitude = 5, quality = 4, speed = 3, suggestions = "Call before coming",
        }, Ct), HttpStatusCode.OK);
        called.GetProperty("status").GetString().Should().Be("Completed");
        called.GetProperty("satisfied").GetBoolean().Should().BeTrue();

        var completed = await bus.WaitForAsync<CallbackCompleted>(e => e.CallbackId == repair.CallbackId, WaitLimit,
            "reception should publish CallbackCompleted for HR's appraisal");
        completed.Should().BeEquivalentTo(new
        {
            EstateId = DemoGroup.North, repair.RequestId, WorkOrderId = (Guid?)repair.WorkOrderId, TechnicianId = (Guid?)repair.TechnicianId,
            TechnicianName = "North Technician", Attitude = 5, Quality = 4, Speed = 3, Satisfied = true, WithinDeadline = true,
        });
        var request = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{repair.RequestId}", ApiJson.Options, Ct);
        request.GetProperty("status").GetString().Should().Be("Completed", "a satisfied requester leaves the request completed");
        bus.Received<RequestReopened>().Should().NotContain(e => e.RequestId == repair.RequestId);
        (await clerk.PostAsJsonAsync($"/api/reception/callbacks/{repair.CallbackId}/complete", new { attitude = 1, quality = 1, speed = 1 }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a callback is made once");
    }

    [Fact]
    public async Task A_dissatisfied_callback_reopens_the_request_and_RequestReopened_and_the_low_scores_reach_the_broker()
    {
        await using var bus = await StartBusAsync(b => b.Listen<CallbackCompleted>().Listen<RequestReopened>());
        using var clerk = await platform.SignInAsync(DemoGroup.ClerkNorth, Ct);
        var repair = await CompletedRepairAsync(bus, clerk, "Leak from the bathroom ceiling");

        var called = await ContentAsync(await clerk.PostAsJsonAsync($"/api/reception/callbacks/{repair.CallbackId}/complete", new
        {
            attitude = 4, quality = 2, speed = 3, shortcomings = "Still dripping",
        }, Ct), HttpStatusCode.OK);
        called.GetProperty("satisfied").GetBoolean().Should().BeFalse("a score of 2 or lower is dissatisfied");

        var request = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{repair.RequestId}", ApiJson.Options, Ct);
        request.GetProperty("status").GetString().Should().Be("Reopened");
        request.GetProperty("reopenCount").GetInt32().Should().Be(1);
        var reopened = await bus.WaitForAsync<RequestReopened>(e => e.RequestId == repair.RequestId, WaitLimit,
            "reception should tell maintenance the request reopened");
        reopened.WorkOrderId.Should().Be(repair.WorkOrderId, "maintenance reopens this work order");
        reopened.EstateId.Should().Be(DemoGroup.North);
        reopened.Reason.Should().Contain("Still dripping");
        var completed = await bus.WaitForAsync<CallbackCompleted>(e => e.CallbackId == repair.CallbackId, WaitLimit,
            "the scores go out for HR's appraisal either way");
        completed.Should().BeEquivalentTo(new
        {
            repair.RequestId, TechnicianId = (Guid?)repair.TechnicianId, Attitude = 4, Quality = 2, Speed = 3, Satisfied = false,
        });
    }

    [Fact]
    public async Task A_move_in_at_the_front_desk_occupies_the_unit_lists_the_residents_and_announces_the_estate_local_date_and_meter_readings()
    {
        await using var bus = await StartBusAsync(b => b.Listen<ResidentMovedIn>());
        using var clerk = await platform.SignInAsync(DemoGroup.ClerkNorth, Ct);
        var buildings = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/estates/{DemoGroup.North}/buildings", ApiJson.Options, Ct);
        var buildingId = buildings.GetProperty("items")[0].GetProperty("id").GetGuid();
        var unit = await ContentAsync(await clerk.PostAsJsonAsync("/api/reception/units", new
        {
            estateId = DemoGroup.North, buildingId, number = $"E2E-{Guid.NewGuid():N}"[..12], floor = 9, floorArea = 88.5m, usage = "residential",
        }, Ct), HttpStatusCode.Created);
        var unitId = unit.GetProperty("id").GetGuid();
        unit.GetProperty("status").GetString().Should().Be("Vacant");

        // The estate's own calendar day (North is in Asia/Shanghai), yesterday there: the first day lived in the unit.
        var estateToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var movedInOn = estateToday.AddDays(-1);
        string[] phones = [$"136{Random.Shared.Next(10_000_000, 99_999_999)}", $"135{Random.Shared.Next(10_000_000, 99_999_999)}"];
        var moveIn = await ContentAsync(await clerk.PostAsJsonAsync("/api/reception/move-ins", new
        {
            estateId = DemoGroup.North,
            unitId,
            movedInOn = movedInOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            documentsChecked = true,
            keysHandedOver = 3,
            meterReadings = new { water = 12.345m, electricity = 1024.5m, gas = 7.25m },
            handoverNotes = "Two key cards and one mailbox key",
            residents = new[]
            {
                new { kind = "tenant", fullName = "Sun Li", phone = phones[0] },
                new { kind = "family", fullName = "Sun Hao", phone = phones[1] },
            },
        }, Ct), HttpStatusCode.Created);
        var moveInId = moveIn.GetProperty("id").GetGuid();
        moveIn.GetProperty("movedInOn").GetString().Should().Be(movedInOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var residentIds = moveIn.GetProperty("residents").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        residentIds.Should().HaveCount(2);

        (await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/units/{unitId}", ApiJson.Options, Ct))
            .GetProperty("status").GetString().Should().Be("Occupied");
        var listed = await clerk.GetFromJsonAsync<JsonElement>($"/api/reception/residents?unitId={unitId}&current=true", ApiJson.Options, Ct);
        listed.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("fullName").GetString(), r.GetProperty("phone").GetString(), r.GetProperty("kind").GetString()))
            .Should().BeEquivalentTo(new[] { ("Sun Li", phones[0], "Tenant"), ("Sun Hao", phones[1], "Family") });

        await Eventually.Async(() => bus.Received<ResidentMovedIn>().Count(e => e.MoveInId == moveInId) >= 2, WaitLimit,
            "reception should announce each resident's move-in for billing");
        var announced = bus.Received<ResidentMovedIn>().Where(e => e.MoveInId == moveInId).DistinctBy(e => e.EventId).ToList();
        announced.Select(e => e.ResidentId).Should().BeEquivalentTo(residentIds, "one event per resident");
        announced.Should().AllSatisfy(e =>
        {
            e.EstateId.Should().Be(DemoGroup.North);
            e.UnitId.Should().Be(unitId);
            e.MovedInOn.Should().Be(movedInOn, "billing bills from the estate-local date as recorded, not a UTC day");
            e.Readings.Should().Be(new MeterReadings(12.345m, 1024.5m, 7.25m));
        });
        announced.Select(e => e.Kind).Should().BeEquivalentTo(MovedInKinds);
    }
}
