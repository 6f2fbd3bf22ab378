using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// The repair flow across reception, hr-training and maintenance, through the gateway with real tokens: HR certifies a
/// plumber and puts them on today's roster; maintenance learns it from hr-training's events; a repair reported at
/// reception becomes a work order that the supervisor dispatches to them; the technician does the work; reception's
/// callback closes the order or sends it back as rework.
/// </summary>
public sealed class MaintenanceFlowTests(Platform platform)
{
    private static readonly TimeSpan WaitLimit = Platform.WaitLimit;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK) => Platform.OkAsync(response, expected);

    private Task<(Guid StaffId, HttpClient Client, Guid CertificationId)> PlumberOnDutyAsync(Guid estateId) => platform.PlumberOnDutyAsync(estateId, Ct);

    private Task<JsonElement> WorkOrderOfRequestAsync(Guid estateId, Guid requestId) => platform.WorkOrderOfRequestAsync(estateId, requestId, Ct);

    private Task<bool> EligibleAsync(Guid workOrderId, Guid staffId) => platform.EligibleAsync(workOrderId, staffId, Ct);

    private async Task<JsonElement> WorkOrderAsync(Guid id) =>
        await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/maintenance/work-orders/{id}", ApiJson.Options, Ct);

    /// <summary>Reports a repair, dispatches its order to the plumber, who accepts, arrives and completes it; returns the order and the callback id.</summary>
    private async Task<(Guid WorkOrderId, Guid RequestId, Guid CallbackId)> CompletedRepairAsync(Guid estateId, Guid staffId, HttpClient plumber, string description)
    {
        var requestId = (await platform.PostRepairAsync(estateId, description, Ct))!.Value;
        var workOrderId = (await WorkOrderOfRequestAsync(estateId, requestId)).GetProperty("id").GetGuid();
        await Eventually.Async(() => EligibleAsync(workOrderId, staffId), WaitLimit, "maintenance learns from hr-training that the plumber is certified and on duty");

        var dispatched = await OkAsync(await platform.Admin.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { trade = "plumbing" }, Ct));
        dispatched.GetProperty("dispatchedTo").GetProperty("staffId").GetGuid().Should().Be(staffId);
        await OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/accept", new { }, Ct));
        await OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/arrive", new { }, Ct));
        await OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/complete", new
        {
            parts = new[] { new { name = "Washer 15 mm", quantity = 2m } }, labourMinutes = 40, testDone = true, siteCleaned = true, notes = "Replaced the washers",
        }, Ct));

        Guid? callbackId = null;
        await Eventually.Async(async () =>
        {
            var pending = await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/reception/callbacks?estateId={estateId}&status=pending&limit=100", ApiJson.Options, Ct);
            callbackId = pending.GetProperty("items").EnumerateArray().Where(c => c.GetProperty("requestId").GetGuid() == requestId)
                .Select(c => (Guid?)c.GetProperty("id").GetGuid()).FirstOrDefault();
            return callbackId is not null;
        }, WaitLimit, "reception hears WorkOrderCompleted and queues the callback");
        return (workOrderId, requestId, callbackId!.Value);
    }

    /// <summary>Waits until hr-training's appraisal of the technician for this month shows <paramref name="count"/> callbacks, and returns them.</summary>
    private async Task<JsonElement> CallbacksInAppraisalAsync(Guid staffId, int count)
    {
        var month = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Platform.Shanghai).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        JsonElement callbacks = default;
        await Eventually.Async(async () =>
        {
            callbacks = (await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/hr-training/appraisal/{staffId}?period={month}", ApiJson.Options, Ct))
                .GetProperty("callbacks");
            return callbacks.GetProperty("count").GetInt32() == count;
        }, WaitLimit, "hr-training counts reception's CallbackCompleted in the technician's appraisal");
        return callbacks;
    }

    [Fact]
    public async Task A_repair_goes_to_the_certified_plumber_on_duty_and_closes_after_a_satisfied_callback()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var (staffId, plumber, _) = await PlumberOnDutyAsync(estateId);

        var (workOrderId, requestId, callbackId) = await CompletedRepairAsync(estateId, staffId, plumber, "Kitchen tap dripping");
        await OkAsync(await platform.Admin.PostAsJsonAsync($"/api/reception/callbacks/{callbackId}/complete", new { attitude = 5, quality = 5, speed = 4 }, Ct));

        await Eventually.Async(async () => (await WorkOrderAsync(workOrderId)).GetProperty("status").GetString() == "Closed", WaitLimit,
            "maintenance closes the order on reception's satisfied CallbackCompleted");
        var order = await WorkOrderAsync(workOrderId);
        order.GetProperty("technicianId").GetGuid().Should().Be(staffId);
        order.GetProperty("arrivedAt").GetDateTimeOffset().Should().BeBefore(order.GetProperty("completedAt").GetDateTimeOffset());
        await Eventually.Async(async () => (await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}", ApiJson.Options, Ct))
            .GetProperty("status").GetString() == "Closed", WaitLimit, "reception closes the request on WorkOrderClosed");
        (await CallbacksInAppraisalAsync(staffId, 1)).GetProperty("satisfied").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_visit_maintenance_proposes_at_dispatch_is_confirmed_by_the_owner_in_the_app_and_agreed_on_the_work_order()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        using var owner = await platform.OwnerAppAsync(estateId, platform.UnitOf(estateId), Ct);
        var (staffId, _, _) = await PlumberOnDutyAsync(estateId);
        var requestId = (await platform.PostRepairAsync(estateId, "Shower mixer broken", Ct))!.Value;
        var workOrderId = (await WorkOrderOfRequestAsync(estateId, requestId)).GetProperty("id").GetGuid();
        await Eventually.Async(() => EligibleAsync(workOrderId, staffId), WaitLimit, "the plumber is on dispatch");

        await OkAsync(await platform.Admin.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { trade = "plumbing" }, Ct));

        JsonElement? proposal = null;
        await Eventually.Async(async () =>
        {
            // The owner sees the proposal for their own unit in the app.
            var page = await owner.GetFromJsonAsync<JsonElement>($"/api/reception/appointments?estateId={estateId}&status=Proposed", ApiJson.Options, Ct);
            proposal = page.GetProperty("items").EnumerateArray().Select(a => (JsonElement?)a).FirstOrDefault(a => a!.Value.GetProperty("workOrderId").GetGuid() == workOrderId);
            return proposal is not null;
        }, WaitLimit, "reception shows maintenance's AppointmentProposed");
        var startsAt = proposal!.Value.GetProperty("proposedStartsAt").GetDateTimeOffset();
        await OkAsync(await owner.PostAsJsonAsync($"/api/reception/appointments/{proposal.Value.GetProperty("id").GetGuid()}/confirm", new { }, Ct));

        await Eventually.Async(async () => (await WorkOrderAsync(workOrderId)).GetProperty("appointmentStatus").GetString() == "Agreed", WaitLimit,
            "maintenance records reception's AppointmentConfirmed");
        (await WorkOrderAsync(workOrderId)).GetProperty("appointmentStartsAt").GetDateTimeOffset().Should().Be(startsAt);
        (await platform.Admin.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{requestId}", ApiJson.Options, Ct))
            .GetProperty("agreedAppointmentAt").GetDateTimeOffset().Should().Be(startsAt);
    }

    [Fact]
    public async Task A_dissatisfied_callback_sends_the_work_order_back_as_rework()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var (staffId, plumber, _) = await PlumberOnDutyAsync(estateId);

        var (workOrderId, _, callbackId) = await CompletedRepairAsync(estateId, staffId, plumber, "Bathroom ceiling leaking");
        await OkAsync(await platform.Admin.PostAsJsonAsync($"/api/reception/callbacks/{callbackId}/complete",
            new { attitude = 4, quality = 1, speed = 3, shortcomings = "Still dripping" }, Ct));

        await Eventually.Async(async () => (await WorkOrderAsync(workOrderId)).GetProperty("status").GetString() == "Reopened", WaitLimit,
            "maintenance reopens the order as rework on RequestReopened");
        (await WorkOrderAsync(workOrderId)).GetProperty("reworkCount").GetInt32().Should().Be(1);
        (await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/accept", new { }, Ct)).StatusCode
            .Should().Be(HttpStatusCode.OK, "the same technician takes the rework");
        var callbacks = await CallbacksInAppraisalAsync(staffId, 1);
        callbacks.GetProperty("satisfied").GetInt32().Should().Be(0);
        callbacks.GetProperty("averageQuality").GetDecimal().Should().Be(1m);
    }

    [Fact]
    public async Task A_chargeable_repair_raises_its_charge_for_billing()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var (staffId, plumber, _) = await PlumberOnDutyAsync(estateId);
        await using var bus = await new TestBus((await platform.ConnectionStringAsync("messaging"))!).Listen<ChargeRaised>().StartAsync(Ct);
        var requestId = (await platform.PostRepairAsync(estateId, "Replace the water heater (paid service)", Ct))!.Value;
        var workOrderId = (await WorkOrderOfRequestAsync(estateId, requestId)).GetProperty("id").GetGuid();
        await OkAsync(await platform.Admin.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/price", new { chargeable = true, price = 380.50m }, Ct));
        await Eventually.Async(() => EligibleAsync(workOrderId, staffId), WaitLimit, "the plumber is on dispatch");

        await OkAsync(await platform.Admin.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId = staffId, trade = "plumbing" }, Ct));
        foreach (var step in new[] { "accept", "arrive" })
        {
            await OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/{step}", new { }, Ct));
        }

        await OkAsync(await plumber.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/complete",
            new { labourMinutes = 90, testDone = true, siteCleaned = true, notes = "New heater fitted" }, Ct));

        var charge = await bus.WaitForAsync<ChargeRaised>(c => c.SourceId == workOrderId, WaitLimit, "maintenance raises the charge for billing");
        charge.Should().Match<ChargeRaised>(c => c.EstateId == estateId && c.UnitId == platform.UnitOf(estateId) && c.Amount == 380.50m
            && c.Currency == "CNY" && c.Source == "maintenance");
    }

    [Fact]
    public async Task A_revoked_certification_takes_the_technician_off_dispatch()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var (staffId, _, certificationId) = await PlumberOnDutyAsync(estateId);
        var requestId = (await platform.PostRepairAsync(estateId, "Drain blocked", Ct))!.Value;
        var workOrderId = (await WorkOrderOfRequestAsync(estateId, requestId)).GetProperty("id").GetGuid();
        await Eventually.Async(() => EligibleAsync(workOrderId, staffId), WaitLimit, "the plumber is on dispatch");

        await OkAsync(await platform.Admin.PostAsJsonAsync($"/api/hr-training/certifications/{certificationId}/revoke", new { reason = "Failed the safety re-check" }, Ct));

        await Eventually.Async(async () => !await EligibleAsync(workOrderId, staffId), WaitLimit, "CertificationRevoked takes the plumber off dispatch");
        (await platform.Admin.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new { technicianId = staffId, trade = "plumbing" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "an uncertified technician is not dispatched");
    }

    [Fact]
    public async Task An_emergency_reported_at_reception_is_dispatched_at_once_to_the_plumber_on_duty()
    {
        var estateId = await platform.NewEstateAsync(Ct);
        var (staffId, _, _) = await PlumberOnDutyAsync(estateId);
        // Dispatch of an emergency happens when it arrives: wait until maintenance knows the plumber is on duty.
        var probe = (await platform.PostRepairAsync(estateId, "Probe: is the plumber on dispatch?", Ct))!.Value;
        var probeOrder = (await WorkOrderOfRequestAsync(estateId, probe)).GetProperty("id").GetGuid();
        await Eventually.Async(() => EligibleAsync(probeOrder, staffId), WaitLimit, "the plumber is on dispatch");

        var reported = await OkAsync(await platform.Admin.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId = platform.UnitOf(estateId), channel = "phone", category = "repair", emergencyKind = "BurstPipe",
            description = "Burst pipe in the stairwell", requesterName = "Night Guard",
        }, Ct), HttpStatusCode.Created);

        var order = await WorkOrderOfRequestAsync(estateId, reported.GetProperty("id").GetGuid());
        await Eventually.Async(async () => (await WorkOrderAsync(order.GetProperty("id").GetGuid())).GetProperty("technicianId").ValueKind == JsonValueKind.String,
            WaitLimit, "maintenance dispatches the emergency as soon as it hears of it");
        var dispatched = await WorkOrderAsync(order.GetProperty("id").GetGuid());
        dispatched.GetProperty("technicianId").GetGuid().Should().Be(staffId);
        dispatched.GetProperty("urgency").GetString().Should().Be("Emergency");
        dispatched.GetProperty("trade").GetString().Should().Be("plumbing");
    }
}
