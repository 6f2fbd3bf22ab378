using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.WorkOrders;

public sealed class LifecycleFlowTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CompleteWorkOrderCommand Report =
        new([new PartUsedInput("Ball valve DN15", 1)], 45, TestDone: true, SiteCleaned: true, "Valve replaced", []);

    private static async Task<WorkOrderResponse> PostAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { }, ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<WorkOrderResponse>(ApiJson.Options, Ct))!;
    }

    private static Task<BusProbe> ProbeAsync(MaintenanceService maintenance) => BusProbe.StartAsync(maintenance.Bus, (probe, endpoint) =>
    {
        probe.Listen<WorkOrderDispatched>(endpoint);
        probe.Listen<WorkOrderAccepted>(endpoint);
        probe.Listen<WorkOrderStarted>(endpoint);
        probe.Listen<WorkOrderCompleted>(endpoint);
        probe.Listen<WorkOrderClosed>(endpoint);
        probe.Listen<WorkOrderReopened>(endpoint);
        probe.Listen<WorkOrderVerified>(endpoint);
        probe.Listen<ChargeRaised>(endpoint);
    }, Ct);

    /// <summary>An order dispatched to a plumber on duty, accepted and with the plumber on site.</summary>
    private static async Task<(MaintenanceWorld World, WorkOrderResponse Order, Guid Plumber)> OnSiteAsync(
        MaintenanceService maintenance, bool chargeable = false, decimal? price = null)
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang the plumber", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var order = await world.CreateAsync(chargeable: chargeable, price: price);
        var dispatch = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/dispatch", new DispatchCommand(plumber, null), ApiJson.Options, Ct);
        dispatch.StatusCode.Should().Be(HttpStatusCode.OK, await dispatch.Content.ReadAsStringAsync(Ct));
        var technician = world.Technician(plumber);
        await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/accept");
        await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/arrive");
        return (world, order, plumber);
    }

    [Fact]
    public async Task A_work_order_goes_from_dispatch_to_closure_after_a_satisfied_callback_and_every_step_is_announced_on_the_bus()
    {
        await using var probe = await ProbeAsync(maintenance);
        var (world, order, plumber) = await OnSiteAsync(maintenance);
        var technician = world.Technician(plumber);

        var completed = await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/complete", Report);
        var owner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, order.UnitId!.Value));
        var verified = await PostAsync(owner, $"/api/maintenance/work-orders/{order.Id}/verify", new VerifyWorkOrderCommand(true, null));
        await world.PublishAsync(new CallbackCompleted(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, order.Id, Guid.NewGuid(), Guid.NewGuid(), order.Id,
            plumber, "Wang the plumber", 5, 5, 5, Satisfied: true, WithinDeadline: true));

        completed.Status.Should().Be(WorkOrderStatus.Completed);
        completed.PartsUsed.Should().Equal(new PartUsed("Ball valve DN15", 1));
        completed.LabourMinutes.Should().Be(45);
        completed.CompletionPhotoIds.Should().Equal(Report.PhotoIds!);
        verified.Status.Should().Be(WorkOrderStatus.Verified);
        var closed = await world.GetAsync(order.Id);
        closed.Status.Should().Be(WorkOrderStatus.Closed);
        closed.Steps.Select(s => s.Action).Should().Equal("created", "dispatched", "accepted", "arrived", "completed", "verified", "closed");
        closed.Steps.Where(s => s.Action is "accepted" or "arrived" or "completed").Should().OnlyContain(s => s.By == plumber.ToString());
        closed.ResponseBreached.Should().BeFalse();

        (await probe.WaitForAsync<WorkOrderDispatched>(e => e.WorkOrderId == order.Id, "dispatch is announced")).TechnicianId.Should().Be(plumber);
        await probe.WaitForAsync<WorkOrderAccepted>(e => e.WorkOrderId == order.Id, "acceptance is announced");
        (await probe.WaitForAsync<WorkOrderStarted>(e => e.WorkOrderId == order.Id, "arrival starts the work for reception")).TechnicianName.Should().Be("Wang the plumber");
        var completion = await probe.WaitForAsync<WorkOrderCompleted>(e => e.WorkOrderId == order.Id, "completion is announced");
        completion.Trade.Should().Be(Trades.Plumbing);
        completion.TechnicianId.Should().Be(plumber);
        completion.Chargeable.Should().BeFalse();
        await probe.WaitForAsync<WorkOrderVerified>(e => e.WorkOrderId == order.Id, "the owner's acceptance is announced");
        await probe.WaitForAsync<WorkOrderClosed>(e => e.WorkOrderId == order.Id, "the closure is announced");
        probe.Received<ChargeRaised>().Should().NotContain(c => c.SourceId == order.Id, "free work raises no charge");
    }

    [Fact]
    public async Task A_chargeable_repair_raises_one_charge_to_billing_in_the_estates_currency()
    {
        await using var probe = await ProbeAsync(maintenance);
        var (world, order, plumber) = await OnSiteAsync(maintenance, chargeable: true, price: 120.50m);

        await PostAsync(world.Technician(plumber), $"/api/maintenance/work-orders/{order.Id}/complete", Report);

        var charge = await probe.WaitForAsync<ChargeRaised>(c => c.SourceId == order.Id, "billing hears of the paid service");
        charge.Source.Should().Be("maintenance");
        charge.UnitId.Should().Be(order.UnitId!.Value);
        charge.Amount.Should().Be(120.50m);
        charge.Currency.Should().Be("CNY");
        charge.FeeItem.Should().Be("paid-service", "billing books a charge under the fee item it names, and paid work is billing's 'paid-service', not 'other'");
        var completion = await probe.WaitForAsync<WorkOrderCompleted>(e => e.WorkOrderId == order.Id, "completion carries the price");
        completion.Chargeable.Should().BeTrue();
        completion.Charge.Should().Be(120.50m);
        completion.Currency.Should().Be("CNY");
        (await world.OutboxCountAsync<ChargeRaised>(order.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_dissatisfied_callback_reopens_the_order_as_rework_once_however_often_reception_says_so()
    {
        await using var probe = await ProbeAsync(maintenance);
        var (world, order, plumber) = await OnSiteAsync(maintenance, chargeable: true, price: 50m);
        var technician = world.Technician(plumber);
        await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/complete", Report);
        var at = DateTimeOffset.UtcNow;
        var callback = new CallbackCompleted(Guid.NewGuid(), at, world.EstateId, order.Id, Guid.NewGuid(), Guid.NewGuid(), order.Id, plumber, "Wang", 2, 1, 3,
            Satisfied: false, WithinDeadline: true);
        var reopened = new RequestReopened(Guid.NewGuid(), at, world.EstateId, order.Id, Guid.NewGuid(), order.Id, "Dissatisfied at the callback");

        await world.PublishAsync(callback);
        await world.PublishAsync(reopened);
        await world.PublishAsync(callback);

        var rework = await world.GetAsync(order.Id);
        rework.Status.Should().Be(WorkOrderStatus.Reopened);
        rework.ReworkCount.Should().Be(1);
        rework.TechnicianId.Should().Be(plumber);
        (await world.OutboxCountAsync<WorkOrderReopened>(order.Id)).Should().Be(1);

        // The rework is done again and charged no second time.
        await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/accept");
        (await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/arrive")).Status.Should().Be(WorkOrderStatus.OnSite);
        (await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/complete", Report)).Status.Should().Be(WorkOrderStatus.Completed);
        (await world.OutboxCountAsync<ChargeRaised>(order.Id)).Should().Be(1);
        (await probe.WaitForAsync<WorkOrderReopened>(e => e.WorkOrderId == order.Id, "rework is announced")).ReworkCount.Should().Be(1);
    }

    [Fact]
    public async Task An_owner_reads_the_work_order_of_their_own_unit_and_another_owners_is_not_found()
    {
        var (world, order, plumber) = await OnSiteAsync(maintenance);
        var owner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, order.UnitId!.Value));
        var otherOwner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, Guid.NewGuid()));

        var own = await owner.GetFromJsonAsync<WorkOrderResponse>($"/api/maintenance/work-orders/{order.Id}", ApiJson.Options, Ct);
        var notTheirs = await otherOwner.GetAsync($"/api/maintenance/work-orders/{order.Id}", Ct);

        own!.TechnicianId.Should().Be(plumber);
        own.ArrivedAt.Should().NotBeNull("the owner follows the visit step by step");
        notTheirs.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_owner_who_rejects_the_work_names_a_reason_and_the_order_reopens()
    {
        var (world, order, plumber) = await OnSiteAsync(maintenance);
        await PostAsync(world.Technician(plumber), $"/api/maintenance/work-orders/{order.Id}/complete", Report);
        var owner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, order.UnitId!.Value));

        var missingReason = await owner.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/verify", new VerifyWorkOrderCommand(false, null), ApiJson.Options, Ct);
        var otherOwner = maintenance.CreateClient(TestCaller.Owner(world.EstateId, Guid.NewGuid()));
        var notTheirs = await otherOwner.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/verify", new VerifyWorkOrderCommand(true, null), ApiJson.Options, Ct);
        var rejected = await PostAsync(owner, $"/api/maintenance/work-orders/{order.Id}/verify", new VerifyWorkOrderCommand(false, "Still dripping"));

        missingReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missingReason.Content.ReadAsStringAsync(Ct)).Should().Contain("reason");
        notTheirs.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        rejected.Status.Should().Be(WorkOrderStatus.Reopened);
        rejected.ReopenReason.Should().Be("Still dripping");
        (await world.OutboxCountAsync<WorkOrderReopened>(order.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_step_out_of_turn_is_a_409_problem_and_another_technician_is_refused()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var order = await world.CreateAsync();
        await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/dispatch", new DispatchCommand(plumber, null), ApiJson.Options, Ct);

        var tooEarly = await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete", Report, ApiJson.Options, Ct);
        var stranger = await world.Technician(Guid.NewGuid()).PostAsync($"/api/maintenance/work-orders/{order.Id}/accept", null, Ct);

        tooEarly.StatusCode.Should().Be(HttpStatusCode.Conflict);
        tooEarly.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await world.GetAsync(order.Id)).Status.Should().Be(WorkOrderStatus.Dispatched);
    }

    [Fact]
    public async Task A_completion_report_with_bad_fields_is_a_400_naming_each_and_stores_nothing()
    {
        var (world, order, plumber) = await OnSiteAsync(maintenance);

        var response = await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            new CompleteWorkOrderCommand([new PartUsedInput("", -1)], 0, null, null, null, null), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        problem.Should().Contain("parts[0].name").And.Contain("parts[0].quantity").And.Contain("labourMinutes").And.Contain("testDone").And.Contain("siteCleaned");
        (await world.GetAsync(order.Id)).Status.Should().Be(WorkOrderStatus.OnSite);
    }

    [Fact]
    public async Task A_proposed_visit_goes_to_reception_and_its_confirmation_becomes_the_agreed_appointment_once()
    {
        await using var probe = await BusProbe.StartAsync(maintenance.Bus, (p, e) => p.Listen<AppointmentProposed>(e), Ct);
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var order = await world.CreateAsync();
        var startsAt = DateTimeOffset.UtcNow.AddDays(1);

        var proposed = await PostAsync(world.Supervisor, $"/api/maintenance/work-orders/{order.Id}/appointment",
            new ProposeAppointmentCommand(startsAt, startsAt.AddHours(2)));
        var announced = await probe.WaitForAsync<AppointmentProposed>(a => a.WorkOrderId == order.Id, "reception hears of the proposal");
        var confirmed = new AppointmentConfirmed(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, order.Id, announced.AppointmentId, order.Id, null,
            startsAt.AddHours(1), startsAt.AddHours(3));
        await world.PublishAsync(confirmed);
        await world.PublishAsync(confirmed);

        proposed.AppointmentStatus.Should().Be(AppointmentStatus.Proposed);
        var agreed = await world.GetAsync(order.Id);
        agreed.AppointmentStatus.Should().Be(AppointmentStatus.Agreed);
        agreed.AppointmentStartsAt.Should().BeCloseTo(startsAt.AddHours(1), TimeSpan.FromMilliseconds(1));
        agreed.Steps.Count(s => s.Action == "appointment-agreed").Should().Be(1);
    }

    [Fact]
    public async Task A_repair_request_keeps_the_appointment_agreed_at_intake()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var agreedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds());
        var repair = new RepairRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Leak", "Normal",
            null, agreedAt);

        await world.PublishAsync(repair);

        var page = await maintenance.CreateClient(TestCaller.GroupAdmin())
            .GetFromJsonAsync<Page<WorkOrderResponse>>($"/api/maintenance/work-orders?requestId={repair.RequestId}", ApiJson.Options, Ct);
        var order = page!.Items.Should().ContainSingle().Subject;
        order.AppointmentStatus.Should().Be(AppointmentStatus.Agreed);
        order.AppointmentStartsAt.Should().Be(agreedAt);
    }

    [Fact]
    public async Task Work_without_a_request_is_closed_by_the_supervisor_and_work_with_one_waits_for_the_callback()
    {
        var (world, order, plumber) = await OnSiteAsync(maintenance);
        await PostAsync(world.Technician(plumber), $"/api/maintenance/work-orders/{order.Id}/complete", Report);

        var technicianTries = await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/close", new CloseWorkOrderCommand(null), ApiJson.Options, Ct);
        var closed = await PostAsync(world.Supervisor, $"/api/maintenance/work-orders/{order.Id}/close", new CloseWorkOrderCommand("Round finding fixed"));

        technicianTries.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        closed.Status.Should().Be(WorkOrderStatus.Closed);
        (await world.OutboxCountAsync<WorkOrderClosed>(order.Id)).Should().Be(1);
    }

    [Fact]
    public async Task A_repair_request_priced_on_site_in_the_estates_currency_raises_its_charge_at_completion_and_not_after()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var repair = await world.PublishAsync(new RepairRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "Replace the water heater", "Normal", null, DateTimeOffset.UtcNow.AddHours(1)));
        var order = (await maintenance.CreateClient(TestCaller.GroupAdmin())
            .GetFromJsonAsync<Page<WorkOrderResponse>>($"/api/maintenance/work-orders?requestId={repair.RequestId}", ApiJson.Options, Ct))!.Items.Single();
        var dispatch = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/dispatch", new DispatchCommand(plumber, "plumbing"), ApiJson.Options, Ct);
        dispatch.EnsureSuccessStatusCode();
        var technician = world.Technician(plumber);
        await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/accept");
        await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/arrive");

        var tooPrecise = await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/price", new PriceWorkOrderCommand(true, 80.005m), ApiJson.Options, Ct);
        var priced = await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/price", new PriceWorkOrderCommand(true, 80m));
        await PostAsync(technician, $"/api/maintenance/work-orders/{order.Id}/complete", Report);
        var afterwards = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/price", new PriceWorkOrderCommand(false, null), ApiJson.Options, Ct);

        tooPrecise.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooPrecise.Content.ReadAsStringAsync(Ct)).Should().Contain("\"price\"").And.Contain("2 decimals in CNY");
        priced.Chargeable.Should().BeTrue();
        priced.Currency.Should().Be("CNY");
        afterwards.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await world.OutboxCountAsync<ChargeRaised>(order.Id)).Should().Be(1);
    }
}
