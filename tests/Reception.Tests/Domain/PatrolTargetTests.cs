using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class PatrolTargetTests
{
    // Shanghai is UTC+8 all year: estate-local midnight is 16:00 UTC the day before.
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static readonly DateTimeOffset SetUp = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private static PatrolTarget Target(PatrolTargetKind kind) =>
        PatrolTarget.Create(Guid.NewGuid(), kind, "Building 1 lobby", null, null, Shanghai, SetUp);

    [Fact]
    public void A_renovation_site_patrolled_late_on_Monday_is_overdue_from_Wednesday_estate_local_midnight()
    {
        var site = Target(PatrolTargetKind.RenovationSite);
        var mondayLateEvening = new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero); // 23:30 Monday in Shanghai

        site.Patrolled(mondayLateEvening, Shanghai);

        site.DueBy.Should().Be(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero)); // Wednesday 00:00 in Shanghai
        site.IsOverdue(new DateTimeOffset(2026, 11, 24, 15, 59, 0, TimeSpan.Zero)).Should().BeFalse("Tuesday, local, is still open for the daily patrol");
        site.IsOverdue(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero)).Should().BeTrue("a whole local day passed without a patrol");
    }

    [Fact]
    public void A_renovation_site_patrolled_just_after_local_midnight_counts_for_that_local_day()
    {
        var site = Target(PatrolTargetKind.RenovationSite);
        var tuesdayJustAfterMidnight = new DateTimeOffset(2026, 11, 23, 16, 30, 0, TimeSpan.Zero); // 00:30 Tuesday in Shanghai, still Monday in UTC

        site.Patrolled(tuesdayJustAfterMidnight, Shanghai);

        site.DueBy.Should().Be(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero)); // end of Wednesday, local
    }

    [Fact]
    public void A_common_area_is_due_by_the_end_of_the_same_local_weekday_a_week_later()
    {
        var area = Target(PatrolTargetKind.CommonArea);

        area.Patrolled(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero), Shanghai); // Monday 09:00 local

        area.DueBy.Should().Be(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)); // next Monday ends, local
    }

    [Fact]
    public void A_vacant_unit_is_due_by_the_same_day_a_calendar_month_later()
    {
        var unit = Target(PatrolTargetKind.VacantUnit);

        unit.Patrolled(new DateTimeOffset(2026, 1, 15, 2, 0, 0, TimeSpan.Zero), Shanghai);

        unit.DueBy.Should().Be(new DateTimeOffset(2026, 2, 15, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_new_target_is_due_one_period_after_it_was_set_up()
    {
        Target(PatrolTargetKind.CommonArea).DueBy.Should().Be(new DateTimeOffset(2026, 11, 8, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_late_entry_for_an_earlier_patrol_does_not_move_the_due_date_back()
    {
        var site = Target(PatrolTargetKind.RenovationSite);
        var latest = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        site.Patrolled(latest, Shanghai);
        var due = site.DueBy;

        site.Patrolled(latest.AddDays(-3), Shanghai);

        site.LastPatrolledAt.Should().Be(latest);
        site.DueBy.Should().Be(due);
    }

    [Fact]
    public void A_retired_target_is_never_overdue_and_takes_no_more_patrols()
    {
        var site = Target(PatrolTargetKind.RenovationSite);

        site.Retire();

        site.IsOverdue(SetUp.AddYears(1)).Should().BeFalse();
        site.Invoking(s => s.Patrolled(SetUp.AddDays(1), Shanghai)).Should().Throw<ConflictException>();
    }

    [Fact]
    public void A_patrol_record_must_answer_exactly_the_checklist_of_its_kind()
    {
        var site = Target(PatrolTargetKind.RenovationSite);
        var answers = PatrolTarget.ChecklistOf(PatrolTargetKind.RenovationSite).ToDictionary(item => item, item => item != "noStructuralChange");

        var record = PatrolRecord.Record(site, SetUp, "clerk", answers, null, SetUp);

        record.FailedItems.Should().Equal("noStructuralChange");
        record.PassedItems.Should().Equal("permitPosted", "paperworkInOrder", "extinguisherPresent", "workersHavePasses", "noIllegalOperations");
        FluentActions.Invoking(() => PatrolRecord.Record(site, SetUp, "clerk", new Dictionary<string, bool> { ["cleanliness"] = true }, null, SetUp))
            .Should().Throw<ArgumentException>();
    }
}
