using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Staffing;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Dispatch;

public sealed class DispatchTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<CandidatesResponse> CandidatesAsync(MaintenanceWorld world, Guid workOrderId) =>
        (await world.Supervisor.GetFromJsonAsync<CandidatesResponse>($"/api/maintenance/work-orders/{workOrderId}/candidates", ApiJson.Options, Ct))!;

    private static async Task<HttpResponseMessage> DispatchAsync(MaintenanceWorld world, Guid workOrderId, Guid? technicianId, string? trade = null) =>
        await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{workOrderId}/dispatch", new DispatchCommand(technicianId, trade), ApiJson.Options, Ct);

    [Fact]
    public async Task The_candidates_are_the_certified_technicians_of_the_trade_on_duty_and_each_other_person_is_told_why_not()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var onDuty = await world.CertifiedTechnicianAsync("A on duty", Trades.Plumbing);
        var offDuty = await world.CertifiedTechnicianAsync("B off duty", Trades.Plumbing);
        var uncertified = await world.HiredAsync("C uncertified", Trades.Plumbing);
        var electrician = await world.CertifiedTechnicianAsync("D electrician", Trades.Electrical);
        await world.OnDutyAsync(onDuty, uncertified, electrician);
        var order = await world.CreateAsync();

        var candidates = (await CandidatesAsync(world, order.Id)).Candidates;

        candidates.Where(c => c.Eligible).Select(c => c.StaffId).Should().Equal(onDuty);
        candidates.Single(c => c.StaffId == offDuty).Reasons.Should().Contain("not on duty now");
        candidates.Single(c => c.StaffId == uncertified).Reasons.Should().Contain("no plumbing certification");
        candidates.Single(c => c.StaffId == electrician).Reasons.Should().Contain("not a plumbing technician").And.Contain("no plumbing certification");
        candidates.Single(c => c.StaffId == offDuty).Explanation.Should().Contain(new DispatchReason(DispatchReasonCodes.NotOnDuty));
        candidates.Single(c => c.StaffId == electrician).Explanation.Should().Contain(new DispatchReason(DispatchReasonCodes.NotOfTrade, Trades.Plumbing));
    }

    [Fact]
    public async Task Without_a_name_the_order_goes_to_the_eligible_technician_with_the_fewest_open_orders()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var busy = await world.CertifiedTechnicianAsync("Busy", Trades.Plumbing);
        var free = await world.CertifiedTechnicianAsync("Free", Trades.Plumbing);
        await world.OnDutyAsync(busy, free);
        var earlier = await world.CreateAsync();
        (await DispatchAsync(world, earlier.Id, busy)).StatusCode.Should().Be(HttpStatusCode.OK);
        var order = await world.CreateAsync();

        var response = await DispatchAsync(world, order.Id, technicianId: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var dispatched = (await response.Content.ReadFromJsonAsync<DispatchResponse>(ApiJson.Options, Ct))!;
        dispatched.DispatchedTo!.StaffId.Should().Be(free);
        dispatched.WorkOrder.TechnicianId.Should().Be(free);
        dispatched.WorkOrder.Status.Should().Be(WorkOrderStatus.Dispatched);
        dispatched.Candidates.Single(c => c.StaffId == busy).OpenWorkOrders.Should().Be(1);
    }

    [Fact]
    public async Task Dispatching_to_a_technician_who_is_not_eligible_is_a_409_that_says_why_and_changes_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var offDuty = await world.CertifiedTechnicianAsync("Off duty", Trades.Plumbing);
        var order = await world.CreateAsync();

        var response = await DispatchAsync(world, order.Id, offDuty);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("not on duty now");
        var unchanged = await world.GetAsync(order.Id);
        unchanged.Status.Should().Be(WorkOrderStatus.Created);
        unchanged.TechnicianId.Should().BeNull();
    }

    [Fact]
    public async Task When_nobody_is_eligible_the_earliest_shift_of_a_certified_technician_is_proposed_and_sent_to_reception()
    {
        await using var probe = await BusProbe.StartAsync(maintenance.Bus, (p, e) => p.Listen<AppointmentProposed>(e), Ct);
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var tomorrowsPlumber = await world.CertifiedTechnicianAsync("Tomorrow", Trades.Plumbing);
        var now = DateTimeOffset.UtcNow;
        var shiftStart = DateTimeOffset.FromUnixTimeSeconds(now.AddHours(20).ToUnixTimeSeconds());
        await world.PublishAsync(new DutyRosterPublished(Guid.NewGuid(), now, world.EstateId, Guid.NewGuid(), DateOnly.FromDateTime(shiftStart.UtcDateTime.AddHours(8)),
            [new DutyAssignment(tomorrowsPlumber, "day", shiftStart, shiftStart.AddHours(9), null, Trades.Plumbing)]));
        var order = await world.CreateAsync();

        var response = await DispatchAsync(world, order.Id, technicianId: null);

        var result = (await response.Content.ReadFromJsonAsync<DispatchResponse>(ApiJson.Options, Ct))!;
        result.DispatchedTo.Should().BeNull();
        result.WorkOrder.Status.Should().Be(WorkOrderStatus.Created);
        result.WorkOrder.AppointmentStatus.Should().Be(AppointmentStatus.Proposed);
        result.WorkOrder.AppointmentStartsAt.Should().Be(shiftStart);
        var proposal = await probe.WaitForAsync<AppointmentProposed>(p => p.WorkOrderId == order.Id, "reception should hear of the proposed slot");
        proposal.StartsAt.Should().Be(shiftStart);
        proposal.EndsAt.Should().Be(shiftStart.AddHours(2));
        proposal.Trade.Should().Be(Trades.Plumbing);
    }

    [Fact]
    public async Task An_expired_certification_takes_the_technician_off_dispatch_at_once_and_flags_their_open_orders_until_renewed()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.HiredAsync("Wang", Trades.Plumbing);
        var certificationId = await world.CertifiedAsync(plumber, Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var order = await world.CreateAsync();
        (await DispatchAsync(world, order.Id, plumber)).StatusCode.Should().Be(HttpStatusCode.OK);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await world.PublishAsync(new CertificationExpired(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), certificationId, plumber, "plumbing", null, today.AddDays(-1)));

        var flagged = await world.GetAsync(order.Id);
        flagged.NeedsRedispatch.Should().BeTrue();
        flagged.RedispatchReason.Should().Contain("expired");
        var another = await world.CreateAsync();
        (await CandidatesAsync(world, another.Id)).Candidates.Single(c => c.StaffId == plumber).Eligible.Should().BeFalse();
        (await DispatchAsync(world, another.Id, plumber)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var redispatchList = await world.Supervisor.GetFromJsonAsync<Page<WorkOrderResponse>>(
            $"/api/maintenance/work-orders?estateId={world.EstateId}&needsRedispatch=true", ApiJson.Options, Ct);
        redispatchList!.Items.Select(w => w.Id).Should().Equal(order.Id);

        await world.PublishAsync(new CertificationRenewed(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), certificationId, plumber, "plumbing", null,
            today.AddDays(-1), today.AddYears(1)));
        (await CandidatesAsync(world, another.Id)).Candidates.Single(c => c.StaffId == plumber).Eligible.Should().BeTrue();
    }

    [Fact]
    public async Task An_ended_employment_takes_the_technician_off_dispatch_and_flags_all_their_open_orders()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var order = await world.CreateAsync();
        (await DispatchAsync(world, order.Id, plumber)).StatusCode.Should().Be(HttpStatusCode.OK);
        var lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);

        await world.PublishAsync(new EmploymentEnded(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), plumber, lastDay, "resigned"));

        var flagged = await world.GetAsync(order.Id);
        flagged.NeedsRedispatch.Should().BeTrue();
        flagged.RedispatchReason.Should().Contain("employment ends");
        var another = await world.CreateAsync();
        (await CandidatesAsync(world, another.Id)).Candidates.Single(c => c.StaffId == plumber)
            .Should().Match<DispatchCandidate>(c => !c.Eligible && c.Reasons.Any(r => r.StartsWith("employment ended", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_lapsed_gate_post_certification_leaves_the_technicians_orders_alone()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var order = await world.CreateAsync();
        (await DispatchAsync(world, order.Id, plumber)).StatusCode.Should().Be(HttpStatusCode.OK);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var gateCertification = Guid.NewGuid();
        await world.PublishAsync(new CertificationGranted(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-1), world.EstateId, Guid.NewGuid(), gateCertification, plumber, null, "gate",
            today.AddMonths(6)));

        await world.PublishAsync(new CertificationRevoked(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), gateCertification, plumber, null, "gate",
            today.AddMonths(6), "failed the gate re-training"));

        (await world.GetAsync(order.Id)).NeedsRedispatch.Should().BeFalse("a gate post is security-gate's business, not the plumber's trade");
        (await CandidatesAsync(world, (await world.CreateAsync()).Id)).Candidates.Single(c => c.StaffId == plumber).Eligible.Should().BeTrue();
    }

    [Fact]
    public async Task A_revoked_certification_takes_the_technician_off_dispatch()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.HiredAsync("Wang", Trades.Plumbing);
        var certificationId = await world.CertifiedAsync(plumber, Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var order = await world.CreateAsync();

        await world.PublishAsync(new CertificationRevoked(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), certificationId, plumber, "plumbing", null,
            DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6), "Failed re-training"));

        (await CandidatesAsync(world, order.Id)).Candidates.Single(c => c.StaffId == plumber).Reasons.Should().Contain("plumbing certification revoked");
    }

    [Fact]
    public async Task Hr_training_events_redelivered_or_out_of_order_leave_the_newest_state_and_change_nothing_twice()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var staffId = Guid.NewGuid();
        var certificationId = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var hired = new StaffHired(Guid.NewGuid(), t0, world.EstateId, Guid.NewGuid(), staffId, "Wang", "technician", ["plumbing"], [world.EstateId], today);
        var changed = new StaffChanged(Guid.NewGuid(), t0.AddMinutes(1), world.EstateId, Guid.NewGuid(), staffId, "Wang Wei", "technician", ["plumbing", "electrical"], [world.EstateId]);
        var granted = new CertificationGranted(Guid.NewGuid(), t0, world.EstateId, Guid.NewGuid(), certificationId, staffId, "plumbing", null, today.AddMonths(6));
        var expired = new CertificationExpired(Guid.NewGuid(), t0.AddMinutes(2), world.EstateId, Guid.NewGuid(), certificationId, staffId, "plumbing", null, today.AddDays(-1));
        var newerRoster = new DutyRosterPublished(Guid.NewGuid(), t0.AddMinutes(3), world.EstateId, Guid.NewGuid(), today, []);
        var olderRoster = new DutyRosterPublished(Guid.NewGuid(), t0, world.EstateId, Guid.NewGuid(), today,
            [new DutyAssignment(staffId, "day", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(8), null, null)]);

        // Newest first, each twice, then the older ones.
        foreach (var e in new object[] { changed, changed, expired, expired, newerRoster, hired, granted, olderRoster, hired })
        {
            await maintenance.Bus.Publish(e, Ct);
        }

        foreach (var id in new[] { changed.EventId, expired.EventId, newerRoster.EventId, hired.EventId, granted.EventId, olderRoster.EventId })
        {
            await world.ConsumedAsync(id);
        }

        var (staff, certification, shifts, inbox) = await maintenance.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaintenanceDbContext>();
            return (await db.Staff.SingleAsync(s => s.StaffId == staffId, Ct),
                await db.Certifications.SingleAsync(c => c.CertificationId == certificationId, Ct),
                await db.DutyShifts.CountAsync(s => s.EstateId == world.EstateId, Ct),
                await db.InboxMessages.CountAsync(m => m.MessageId == changed.EventId || m.MessageId == expired.EventId || m.MessageId == hired.EventId, Ct));
        });
        staff.DisplayName.Should().Be("Wang Wei");
        staff.Trades.Should().Equal("plumbing", "electrical");
        certification.State.Should().Be(CertificationState.Expired);
        shifts.Should().Be(0, "the older roster arrived after the newer, empty one");
        inbox.Should().Be(3, "each event is handled once however often it arrives");
    }

    [Fact]
    public async Task An_emergency_from_reception_is_dispatched_at_once_to_the_technician_on_duty()
    {
        await using var probe = await BusProbe.StartAsync(maintenance.Bus, (p, e) => p.Listen<WorkOrderDispatched>(e), Ct);
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var requestId = Guid.NewGuid();
        var emergency = new EmergencyReported(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), Guid.NewGuid(), requestId, Guid.NewGuid(),
            "BurstPipe", "Water pouring through the ceiling", "Supervisor Li");
        Guid[] photos = [Guid.NewGuid()];
        var repair = new RepairRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, emergency.CorrelationId, requestId, emergency.UnitId,
            emergency.Description, "Emergency", photos);

        await world.PublishAsync(emergency);
        await world.PublishAsync(repair);
        await world.PublishAsync(emergency);

        var dispatched = await probe.WaitForAsync<WorkOrderDispatched>(d => d.RequestId == requestId, "the emergency is dispatched at once");
        dispatched.TechnicianId.Should().Be(plumber);
        dispatched.Urgency.Should().Be("Emergency");
        var orders = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().WorkOrders.Where(w => w.RequestId == requestId).ToListAsync(Ct));
        var order = orders.Should().ContainSingle("the repair request of the same emergency opens no second order").Subject;
        order.Status.Should().Be(WorkOrderStatus.Dispatched);
        order.Urgency.Should().Be(WorkOrderUrgency.Emergency);
        order.AttachmentIds.Should().Equal(photos, "the request's photos join the order the emergency opened");
        (await world.OutboxCountAsync<WorkOrderDispatched>(order.Id)).Should().Be(1);
    }

    [Fact]
    public async Task An_emergency_nobody_on_duty_can_take_is_flagged_for_the_supervisor_with_the_earliest_slot_proposed()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var requestId = Guid.NewGuid();

        await world.PublishAsync(new EmergencyReported(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), Guid.NewGuid(), requestId, null,
            "ElevatorFailure", "Lift stuck between floors", null));

        var order = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().WorkOrders.SingleAsync(w => w.RequestId == requestId, Ct));
        order.Status.Should().Be(WorkOrderStatus.Created);
        order.Trade.Should().Be(Trades.Elevator);
        order.NeedsRedispatch.Should().BeTrue();
        order.AppointmentStatus.Should().Be(AppointmentStatus.Proposed);
    }

    [Fact]
    public async Task Bad_dispatch_or_appointment_input_is_a_400_naming_the_field_and_changes_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var order = await world.CreateAsync();
        var past = DateTimeOffset.UtcNow.AddHours(-1);

        var badTrade = await DispatchAsync(world, order.Id, null, trade: "carpentry");
        var emptyTechnician = await DispatchAsync(world, order.Id, Guid.Empty);
        var badCandidates = await world.Supervisor.GetAsync($"/api/maintenance/work-orders/{order.Id}/candidates?trade=carpentry", Ct);
        var badVisit = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/appointment",
            new ProposeAppointmentCommand(past, past.AddHours(-1)), ApiJson.Options, Ct);

        badTrade.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badTrade.Content.ReadAsStringAsync(Ct)).Should().Contain("\"trade\"");
        emptyTechnician.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await emptyTechnician.Content.ReadAsStringAsync(Ct)).Should().Contain("\"technicianId\"");
        badCandidates.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badVisit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badVisit.Content.ReadAsStringAsync(Ct)).Should().Contain("\"startsAt\"").And.Contain("\"endsAt\"");
        var unchanged = await world.GetAsync(order.Id);
        unchanged.Status.Should().Be(WorkOrderStatus.Created);
        unchanged.AppointmentStatus.Should().Be(AppointmentStatus.None);
        unchanged.Steps.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_technician_may_propose_a_visit_only_for_an_order_dispatched_to_them()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var order = await world.CreateAsync();
        (await DispatchAsync(world, order.Id, plumber)).StatusCode.Should().Be(HttpStatusCode.OK);
        var startsAt = DateTimeOffset.UtcNow.AddDays(1);
        var visit = new ProposeAppointmentCommand(startsAt, startsAt.AddHours(1));

        var colleague = await world.Technician(Guid.NewGuid()).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/appointment", visit, ApiJson.Options, Ct);
        var busyPlumber = await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/appointment", visit, ApiJson.Options, Ct);

        colleague.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        busyPlumber.StatusCode.Should().Be(HttpStatusCode.OK);
        (await world.OutboxCountAsync<AppointmentProposed>(order.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Dispatching_a_request_with_no_agreed_visit_proposes_one_and_later_when_the_technician_is_busy_on_site()
    {
        await using var probe = await BusProbe.StartAsync(maintenance.Bus, (p, e) => p.Listen<AppointmentProposed>(e), Ct);
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        async Task<Guid> RequestOrderAsync()
        {
            var repair = await world.PublishAsync(new RepairRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), Guid.NewGuid(),
                Guid.NewGuid(), "Dripping tap", "Normal"));
            return await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().WorkOrders
                .Where(w => w.RequestId == repair.RequestId).Select(w => w.Id).SingleAsync(Ct));
        }

        var whileFree = await RequestOrderAsync();
        var before = DateTimeOffset.UtcNow;
        (await DispatchAsync(world, whileFree, plumber, Trades.Plumbing)).StatusCode.Should().Be(HttpStatusCode.OK);
        var technician = world.Technician(plumber);
        (await technician.PostAsync($"/api/maintenance/work-orders/{whileFree}/accept", null, Ct)).EnsureSuccessStatusCode();
        (await technician.PostAsync($"/api/maintenance/work-orders/{whileFree}/arrive", null, Ct)).EnsureSuccessStatusCode();
        var whileBusy = await RequestOrderAsync();
        (await DispatchAsync(world, whileBusy, plumber, Trades.Plumbing)).StatusCode.Should().Be(HttpStatusCode.OK);
        var staffOrder = await world.CreateAsync();
        (await DispatchAsync(world, staffOrder.Id, plumber)).StatusCode.Should().Be(HttpStatusCode.OK);

        var free = await probe.WaitForAsync<AppointmentProposed>(p => p.WorkOrderId == whileFree, "reception agrees the visit with the owner");
        var busy = await probe.WaitForAsync<AppointmentProposed>(p => p.WorkOrderId == whileBusy, "the busy technician's next visit is proposed");
        free.StartsAt.Should().BeCloseTo(before, TimeSpan.FromSeconds(30));
        busy.StartsAt.Should().BeCloseTo(DateTimeOffset.UtcNow + Dispatcher.BusyFor, TimeSpan.FromSeconds(30));
        busy.RequestId.Should().NotBeNull();
        (await world.OutboxCountAsync<AppointmentProposed>(staffOrder.Id)).Should().Be(0, "no request, nobody at reception to agree a visit with");
    }
}
