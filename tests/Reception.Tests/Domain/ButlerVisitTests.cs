using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class ButlerVisitTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_visit_year_is_the_estates_local_calendar_year()
    {
        var (from, to) = ButlerVisit.LocalYear(Shanghai, 2026);

        from.Should().Be(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero));
        to.Should().Be(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_visit_task_from_dunning_needs_an_appointment_before_its_outcome()
    {
        var task = ButlerVisit.DunningTask(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1234.56m, "CNY", 2, "system", Now);

        task.Status.Should().Be(ButlerVisitStatus.ToArrange);
        task.Invoking(t => t.Complete(ButlerVisitOutcome.Visited, null, Now, "clerk")).Should().Throw<ConflictException>();

        task.Arrange("butler-1", Now.AddDays(1));
        task.Complete(ButlerVisitOutcome.OwnerAbsent, "Nobody home", Now.AddDays(1), "butler-1");

        task.Status.Should().Be(ButlerVisitStatus.Completed);
        task.Outcome.Should().Be(ButlerVisitOutcome.OwnerAbsent);
    }

    [Fact]
    public void An_outcome_is_recorded_once_and_a_made_visit_cannot_be_rebooked()
    {
        var visit = ButlerVisit.Schedule(Guid.NewGuid(), Guid.NewGuid(), "butler-1", Now, "clerk", Now);
        visit.Complete(ButlerVisitOutcome.Visited, null, Now, "butler-1");

        visit.Invoking(v => v.Complete(ButlerVisitOutcome.Declined, null, Now, "butler-1")).Should().Throw<ConflictException>();
        visit.Invoking(v => v.Arrange("butler-2", Now.AddDays(2))).Should().Throw<ConflictException>();
        visit.Outcome.Should().Be(ButlerVisitOutcome.Visited);
    }
}
