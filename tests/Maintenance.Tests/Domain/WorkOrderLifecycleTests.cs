using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Tests.Domain;

public sealed class WorkOrderLifecycleTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    // Monday 2026-12-07 10:00 Shanghai.
    private static readonly DateTimeOffset Monday10 = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static readonly Guid TechnicianId = Guid.NewGuid();
    private static readonly Actor Technician = new(TechnicianId.ToString(), "Wang the plumber");
    private static readonly Actor Supervisor = new("supervisor-1", "Li the supervisor");
    private static readonly Actor Owner = new("owner-1", "Zhao the owner");

    private static readonly CompletionReport Report =
        new([new PartUsed("Ball valve DN15", 1)], LabourMinutes: 45, TestDone: true, SiteCleaned: true, "Valve replaced", [Guid.NewGuid()]);

    private static WorkOrder Order(WorkOrderUrgency urgency = WorkOrderUrgency.Normal, bool chargeable = false) =>
        WorkOrder.ByStaff(Guid.NewGuid(), Guid.NewGuid(), null, Trades.Plumbing, "Leaking valve", urgency, chargeable, chargeable ? 80m : null,
            chargeable ? "CNY" : null, Monday10, Guid.NewGuid(), Shanghai, Supervisor);

    private static WorkOrder OnSite(WorkOrder order)
    {
        order.Dispatch(TechnicianId, Technician.Name, Trades.Plumbing, Supervisor, Monday10.AddMinutes(5));
        order.Accept(Technician, Monday10.AddMinutes(10));
        order.Arrive(Technician, Monday10.AddMinutes(40));
        return order;
    }

    [Fact]
    public void Every_step_from_creation_to_closure_is_timestamped_and_names_who_took_it()
    {
        var order = OnSite(Order());
        order.Complete(Report, Technician, Monday10.AddHours(2));
        order.Verify(Owner, Monday10.AddHours(3));
        order.Close(Actor.System, Monday10.AddHours(20), "satisfied callback");

        order.Status.Should().Be(WorkOrderStatus.Closed);
        order.Steps.Select(s => s.Action).Should().Equal("created", "dispatched", "accepted", "arrived", "completed", "verified", "closed");
        order.Steps.Select(s => s.By).Should().Equal(
            Supervisor.Subject, Supervisor.Subject, Technician.Subject, Technician.Subject, Technician.Subject, Owner.Subject, Actor.System.Subject);
        order.DispatchedAt.Should().Be(Monday10.AddMinutes(5));
        order.ArrivedAt.Should().Be(Monday10.AddMinutes(40));
        order.CompletedAt.Should().Be(Monday10.AddHours(2));
        order.PartsUsed.Should().Equal(new PartUsed("Ball valve DN15", 1));
        order.LabourMinutes.Should().Be(45);
        order.TestDone.Should().BeTrue();
        order.SiteCleaned.Should().BeTrue();
        order.CompletionPhotoIds.Should().Equal(Report.PhotoIds);
    }

    [Fact]
    public void Only_the_technician_the_order_is_dispatched_to_may_accept_arrive_or_complete()
    {
        var order = Order();
        order.Dispatch(TechnicianId, Technician.Name, Trades.Plumbing, Supervisor, Monday10);
        var colleague = new Actor(Guid.NewGuid().ToString(), "Another technician");

        FluentActions.Invoking(() => order.Accept(colleague, Monday10)).Should().Throw<ForbiddenException>();
        order.Accept(Technician, Monday10);
        FluentActions.Invoking(() => order.Arrive(colleague, Monday10)).Should().Throw<ForbiddenException>();
        order.Arrive(Technician, Monday10);
        FluentActions.Invoking(() => order.Complete(Report, colleague, Monday10)).Should().Throw<ForbiddenException>();
    }

    [Fact]
    public void A_step_out_of_order_is_a_conflict_and_changes_nothing()
    {
        var order = Order();
        order.Dispatch(TechnicianId, Technician.Name, Trades.Plumbing, Supervisor, Monday10);

        FluentActions.Invoking(() => order.Arrive(Technician, Monday10)).Should().Throw<ConflictException>();
        FluentActions.Invoking(() => order.Complete(Report, Technician, Monday10)).Should().Throw<ConflictException>();
        FluentActions.Invoking(() => order.Verify(Owner, Monday10)).Should().Throw<ConflictException>();
        FluentActions.Invoking(() => order.Close(Supervisor, Monday10, "done")).Should().Throw<ConflictException>();
        order.Status.Should().Be(WorkOrderStatus.Dispatched);
        order.Steps.Should().HaveCount(2);
    }

    [Fact]
    public void An_order_with_the_technician_on_site_cannot_be_dispatched_again_unless_flagged()
    {
        var order = OnSite(Order());

        FluentActions.Invoking(() => order.Dispatch(Guid.NewGuid(), "Other", Trades.Plumbing, Supervisor, Monday10.AddHours(1)))
            .Should().Throw<ConflictException>();
        order.FlagForRedispatch("certification expired", Monday10.AddHours(1));
        order.Dispatch(Guid.NewGuid(), "Other", Trades.Plumbing, Supervisor, Monday10.AddHours(1));
        order.NeedsRedispatch.Should().BeFalse();
    }

    [Fact]
    public void An_emergency_must_have_a_technician_on_site_within_30_minutes_around_the_clock()
    {
        // Saturday 03:00 Shanghai: the office is closed, emergencies are not.
        var saturdayNight = new DateTimeOffset(2026, 12, 11, 19, 0, 0, TimeSpan.Zero);
        var order = WorkOrder.FromEmergency(Guid.NewGuid(), Guid.NewGuid(), null, Trades.Plumbing, "Burst pipe", saturdayNight, Guid.NewGuid(), Shanghai);

        order.Response.DueAt.Should().Be(saturdayNight.AddMinutes(30));
        order.Completion.DueAt.Should().Be(saturdayNight.AddHours(4));
        order.Response.Evaluate(WorkOrderDeadlines.EmergencyResponse, saturdayNight.AddMinutes(31)).OfType<SlaBreachedAt>()
            .Should().ContainSingle().Which.Role.Should().Be(ServiceDefaults.Security.PlatformRoles.MaintenanceSupervisor);
    }

    [Fact]
    public void Normal_work_counts_only_the_estates_working_hours()
    {
        // Friday 16:30 Shanghai: one working hour left that day, the other seven on Monday from 08:30.
        var fridayAfternoon = new DateTimeOffset(2026, 12, 11, 8, 30, 0, TimeSpan.Zero);
        var order = WorkOrder.ByStaff(Guid.NewGuid(), Guid.NewGuid(), null, Trades.Civil, "Cracked tile", WorkOrderUrgency.Normal, false, null, null,
            fridayAfternoon, Guid.NewGuid(), Shanghai, Supervisor);

        order.Response.DueAt.Should().Be(new DateTimeOffset(2026, 12, 14, 7, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Arriving_meets_the_response_deadline_and_completing_meets_the_completion_deadline_of_the_technician_answerable()
    {
        var order = Order(WorkOrderUrgency.Urgent);
        order.Response.ResponsibleId.Should().BeNull();

        OnSite(order);
        order.Response.ResponsibleId.Should().Be(TechnicianId);
        order.Response.Met.Should().BeTrue();
        order.Completion.CompletedAt.Should().BeNull();
        order.Complete(Report, Technician, Monday10.AddHours(3));

        order.Completion.Met.Should().BeTrue();
        order.Completion.ResponsibleId.Should().Be(TechnicianId);
    }

    [Fact]
    public void A_rejection_by_the_owner_reopens_the_order_as_rework_for_the_same_technician()
    {
        var order = OnSite(Order());
        order.Complete(Report, Technician, Monday10.AddHours(2));

        order.Reopen("owner-rejected", "Still dripping", Owner, Monday10.AddHours(3));

        order.Status.Should().Be(WorkOrderStatus.Reopened);
        order.ReworkCount.Should().Be(1);
        order.ReopenReason.Should().Be("Still dripping");
        order.Accept(Technician, Monday10.AddHours(4));
        order.Arrive(Technician, Monday10.AddHours(5));
        order.Complete(Report, Technician, Monday10.AddHours(6));
        order.Status.Should().Be(WorkOrderStatus.Completed);
    }

    [Fact]
    public void A_reopening_or_callback_about_an_earlier_completion_does_not_apply_to_the_rework()
    {
        var order = OnSite(Order());
        order.Complete(Report, Technician, Monday10.AddHours(2));
        order.Reopen("owner-rejected", "Still dripping", Owner, Monday10.AddHours(3));
        order.Accept(Technician, Monday10.AddHours(4));
        order.Arrive(Technician, Monday10.AddHours(5));
        order.Complete(Report, Technician, Monday10.AddHours(6));

        order.CanReopen(Monday10.AddHours(2.5)).Should().BeFalse("a dissatisfied call about the first completion came before the rework");
        order.CanCloseAfterCallback(Monday10.AddHours(2.5)).Should().BeFalse();
        order.CanReopen(Monday10.AddHours(7)).Should().BeTrue();
        order.CanCloseAfterCallback(Monday10.AddHours(7)).Should().BeTrue();
    }

    [Fact]
    public void A_chargeable_order_raises_its_charge_at_the_first_completion_only()
    {
        var order = OnSite(Order(chargeable: true));

        order.Complete(Report, Technician, Monday10.AddHours(2)).Should().BeTrue();
        order.Reopen("owner-rejected", "Still dripping", Owner, Monday10.AddHours(3));
        order.Accept(Technician, Monday10.AddHours(4));
        order.Arrive(Technician, Monday10.AddHours(5));

        order.Complete(Report, Technician, Monday10.AddHours(6)).Should().BeFalse("rework is not charged again");
        order.ChargeRaisedAt.Should().Be(Monday10.AddHours(2));
    }

    [Fact]
    public void A_free_order_raises_no_charge()
    {
        OnSite(Order()).Complete(Report, Technician, Monday10.AddHours(2)).Should().BeFalse();
    }

    [Fact]
    public void Only_a_confirmation_of_the_latest_proposal_becomes_the_agreed_visit()
    {
        var order = Order();
        var first = order.ProposeAppointment(Monday10.AddHours(4), Monday10.AddHours(6), Supervisor, Monday10);
        var second = order.ProposeAppointment(Monday10.AddDays(1), Monday10.AddDays(1).AddHours(2), Supervisor, Monday10.AddMinutes(1));

        order.ConfirmAppointment(first, Monday10.AddHours(4), Monday10.AddHours(6), Monday10.AddMinutes(2)).Should().BeFalse();
        order.AppointmentStatus.Should().Be(AppointmentStatus.Proposed);
        order.ConfirmAppointment(second, Monday10.AddDays(1).AddHours(1), Monday10.AddDays(1).AddHours(3), Monday10.AddMinutes(3)).Should().BeTrue();
        order.ConfirmAppointment(second, Monday10.AddDays(1).AddHours(1), Monday10.AddDays(1).AddHours(3), Monday10.AddMinutes(4)).Should().BeFalse("a repeat changes nothing");

        order.AppointmentStatus.Should().Be(AppointmentStatus.Agreed);
        order.AppointmentStartsAt.Should().Be(Monday10.AddDays(1).AddHours(1));
    }

    [Fact]
    public void The_appointment_agreed_at_reception_intake_is_kept_on_the_order()
    {
        var agreed = Monday10.AddDays(2);
        var order = WorkOrder.FromRequest(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Leak", WorkOrderUrgency.Normal, Monday10, Guid.NewGuid(),
            Shanghai, agreedAppointmentAt: agreed);

        order.AppointmentStatus.Should().Be(AppointmentStatus.Agreed);
        order.AppointmentStartsAt.Should().Be(agreed);
    }
}
