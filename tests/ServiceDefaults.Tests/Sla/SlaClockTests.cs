using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.ServiceDefaults.Tests.Sla;

public sealed class SlaClockTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static readonly SlaPolicy Routing = new("request-routing", SlaTimeBasis.Elapsed, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1),
        SlaPolicy.FrontDeskChain(toManagerAfter: TimeSpan.FromMinutes(30)));

    private static readonly SlaPolicy Callback = new("repair-callback", SlaTimeBasis.Elapsed, TimeSpan.FromHours(24), TimeSpan.FromHours(2),
        SlaPolicy.FrontDeskChain(TimeSpan.FromHours(4)));

    private static readonly SlaPolicy ComplaintResponse = new("complaint-response", SlaTimeBasis.WorkingHours, TimeSpan.FromHours(8), TimeSpan.FromHours(1),
        SlaPolicy.FrontDeskChain(TimeSpan.FromHours(4)));

    private static readonly SlaPolicy Feedback = new("same-day-feedback", SlaTimeBasis.SameLocalDay, TimeSpan.Zero, TimeSpan.FromHours(2),
        SlaPolicy.FrontDeskChain(TimeSpan.FromHours(12)));

    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // Monday 10:00 in Shanghai

    [Fact]
    public void A_clock_warns_before_the_deadline_then_breaches_to_the_supervisor_then_escalates_to_the_manager_once_each()
    {
        var clock = SlaClock.Start(Routing, Shanghai, T0);

        clock.Evaluate(Routing, T0.AddMinutes(3)).Should().BeEmpty();
        clock.Evaluate(Routing, T0.AddMinutes(4.5)).Should().ContainSingle().Which.Should().BeOfType<SlaWarned>();
        var breach = clock.Evaluate(Routing, T0.AddMinutes(6)).Should().ContainSingle().Which.Should().BeOfType<SlaBreachedAt>().Subject;
        breach.Role.Should().Be(PlatformRoles.CustomerServiceSupervisor);
        breach.At.Should().Be(T0.AddMinutes(5), "the breach happened at the deadline, whenever it was noticed");
        clock.Evaluate(Routing, T0.AddMinutes(20)).Should().BeEmpty();
        clock.Evaluate(Routing, T0.AddMinutes(40)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new SlaEscalatedTo(T0.AddMinutes(35), 2, PlatformRoles.EstateManager));
        clock.Evaluate(Routing, T0.AddHours(5)).Should().BeEmpty("every step is reported once");
        clock.BreachedAt.Should().Be(T0.AddMinutes(5));
    }

    [Fact]
    public void A_clock_noticed_late_reports_the_breach_and_every_step_it_missed()
    {
        var clock = SlaClock.Start(Routing, Shanghai, T0);

        var transitions = clock.Evaluate(Routing, T0.AddHours(1));

        transitions.Select(t => t.GetType()).Should().Equal(typeof(SlaBreachedAt), typeof(SlaEscalatedTo));
        clock.EscalationLevel.Should().Be(2);
    }

    [Fact]
    public void A_task_completed_in_time_is_met_and_never_breaches()
    {
        var clock = SlaClock.Start(Routing, Shanghai, T0);

        clock.Complete(T0.AddMinutes(4));

        clock.Met.Should().BeTrue();
        clock.Evaluate(Routing, T0.AddHours(1)).Should().BeEmpty();
    }

    [Fact]
    public void Time_waiting_for_the_owner_does_not_count_against_the_deadline()
    {
        var clock = SlaClock.Start(Callback, Shanghai, T0);

        clock.Pause(Callback, Shanghai, T0.AddHours(10));
        clock.Evaluate(Callback, T0.AddHours(30)).Should().BeEmpty("a paused clock neither warns nor breaches");
        clock.Resume(Callback, Shanghai, T0.AddHours(30));

        clock.DueAt.Should().Be(T0.AddHours(44), "14 hours were left when it paused");
        clock.Evaluate(Callback, T0.AddHours(40)).Should().BeEmpty();
        clock.Evaluate(Callback, T0.AddHours(45)).Should().ContainSingle().Which.Should().BeOfType<SlaBreachedAt>();
    }

    [Fact]
    public void A_working_hours_deadline_keeps_its_remaining_working_time_across_a_pause()
    {
        // Monday 10:00 local + 8 working hours: 7.5 on Monday, 0.5 on Tuesday → Tuesday 09:00 local.
        var clock = SlaClock.Start(ComplaintResponse, Shanghai, T0);
        Shanghai.ToLocal(clock.DueAt).Should().Be(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8)));

        // Paused Monday 12:00 local with 6 working hours left; resumed Wednesday 14:00 local.
        clock.Pause(ComplaintResponse, Shanghai, T0.AddHours(2));
        clock.Resume(ComplaintResponse, Shanghai, new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));

        Shanghai.ToLocal(clock.DueAt).Should().Be(new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.FromHours(8)),
            "3.5 hours on Wednesday, 2.5 more on Thursday from 08:30");
    }

    [Fact]
    public void Same_day_feedback_is_due_at_the_estates_local_midnight()
    {
        var clock = SlaClock.Start(Feedback, Shanghai, T0);

        clock.DueAt.Should().Be(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero));
        clock.WarnAt.Should().Be(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_clock_is_driven_only_by_its_own_policy()
    {
        var clock = SlaClock.Start(Routing, Shanghai, T0);

        var wrong = () => clock.Evaluate(Callback, T0);

        wrong.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void The_next_check_follows_the_clock_from_warning_to_breach_to_each_escalation_and_stops_when_nothing_is_left()
    {
        var clock = SlaClock.Start(Routing, Shanghai, T0);
        clock.NextCheckAt.Should().Be(T0.AddMinutes(4), "the warning comes first");

        clock.Evaluate(Routing, T0.AddMinutes(4));
        clock.NextCheckAt.Should().Be(T0.AddMinutes(5), "then the deadline");

        clock.Evaluate(Routing, T0.AddMinutes(6));
        clock.NextCheckAt.Should().Be(T0.AddMinutes(35), "then the manager's step, 30 minutes after the breach");

        clock.Evaluate(Routing, T0.AddMinutes(40));
        clock.NextCheckAt.Should().BeNull("the chain has no more steps");
    }

    [Fact]
    public void A_paused_or_completed_clock_needs_no_check_and_a_resumed_one_does_again()
    {
        var clock = SlaClock.Start(ComplaintResponse, Shanghai, T0);
        clock.Pause(ComplaintResponse, Shanghai, T0.AddHours(1));
        clock.NextCheckAt.Should().BeNull();

        clock.Resume(ComplaintResponse, Shanghai, T0.AddHours(2));
        clock.NextCheckAt.Should().Be(clock.WarnAt);

        clock.Complete(T0.AddHours(3));
        clock.NextCheckAt.Should().BeNull();
    }

    [Fact]
    public void The_person_responsible_is_kept_on_the_clock_and_follows_the_task_when_it_changes_hands()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var clock = SlaClock.Start(Callback, Shanghai, T0, responsibleId: first);
        clock.ResponsibleId.Should().Be(first);

        clock.HandTo(second);

        clock.ResponsibleId.Should().Be(second);
        SlaClock.Start(Callback, Shanghai, T0).ResponsibleId.Should().BeNull("a task nobody in particular holds has no one to appraise");
    }
}
