using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class ViolationTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static readonly DateTimeOffset Found = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static Violation NewViolation() =>
        Violation.Found(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ViolationType.StructuralChange, "Load-bearing wall opened", "butler-1", Found);

    [Fact]
    public void A_violation_goes_from_open_to_rectification_required_to_verified_fixed_by_a_later_attributed_check()
    {
        var violation = NewViolation();
        violation.Status.Should().Be(ViolationStatus.Open);

        violation.RequireRectification(new DateOnly(2026, 11, 30), "Restore the wall", "supervisor-1", Found.AddHours(1), Shanghai);
        violation.Checked(isFixed: true, "Wall restored, engineer's report seen", "butler-2", Found.AddDays(5));

        violation.Status.Should().Be(ViolationStatus.VerifiedFixed);
        violation.VerifiedBy.Should().Be("butler-2");
        violation.VerifiedAt.Should().Be(Found.AddDays(5));
        violation.FollowUps.Select(f => f.Step).Should().Equal(ViolationStep.Found, ViolationStep.RectificationRequired, ViolationStep.VerifiedFixed);
    }

    [Fact]
    public void Checking_before_rectification_was_required_is_a_conflict()
    {
        NewViolation().Invoking(v => v.Checked(true, "Looks fine", "butler-1", Found.AddDays(1))).Should().Throw<ConflictException>();
    }

    [Fact]
    public void The_visit_that_found_it_cannot_verify_it()
    {
        var violation = NewViolation();
        violation.RequireRectification(new DateOnly(2026, 11, 30), "Restore the wall", "butler-1", Found, Shanghai);

        violation.Invoking(v => v.Checked(true, "Fixed", "butler-1", Found)).Should().Throw<ValidationFailedException>();
        violation.Status.Should().Be(ViolationStatus.RectificationRequired);
    }

    [Fact]
    public void A_failed_check_keeps_the_violation_open_to_rectification_and_is_recorded()
    {
        var violation = NewViolation();
        violation.RequireRectification(new DateOnly(2026, 11, 30), "Restore the wall", "butler-1", Found, Shanghai);

        violation.Checked(isFixed: false, "Still open", "butler-1", Found.AddDays(2));

        violation.Status.Should().Be(ViolationStatus.RectificationRequired);
        violation.VerifiedAt.Should().BeNull();
        violation.FollowUps.Last().Step.Should().Be(ViolationStep.CheckedNotFixed);
    }

    [Fact]
    public void Rectification_is_overdue_only_after_its_estate_local_due_day()
    {
        var violation = NewViolation();
        violation.RequireRectification(new DateOnly(2026, 11, 30), "Restore the wall", "butler-1", Found, Shanghai);

        violation.RectificationOverdue(new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero)).Should().BeFalse();
        violation.RectificationOverdue(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero)).Should().BeTrue("it is 1 December in Shanghai");
    }

    [Fact]
    public void A_verified_violation_takes_no_more_steps()
    {
        var violation = NewViolation();
        violation.RequireRectification(new DateOnly(2026, 11, 30), "Restore the wall", "butler-1", Found, Shanghai);
        violation.Checked(true, "Fixed", "butler-2", Found.AddDays(1));

        violation.Invoking(v => v.RequireRectification(new DateOnly(2026, 12, 30), "Again", "butler-1", Found.AddDays(2), Shanghai)).Should().Throw<ConflictException>();
        violation.Invoking(v => v.Checked(false, "Again", "butler-1", Found.AddDays(2))).Should().Throw<ConflictException>();
        violation.RectificationOverdue(Found.AddYears(1)).Should().BeFalse();
    }

    [Fact]
    public void The_rectification_day_is_a_deadline_warned_as_it_begins_and_met_by_the_verified_fix()
    {
        var violation = NewViolation();
        violation.RequireRectification(new DateOnly(2026, 11, 30), "Restore the wall", "supervisor-1", Found, Shanghai);

        var clock = violation.Rectification!;
        clock.DueAt.Should().Be(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), "the end of 30 November in Shanghai");
        clock.WarnAt.Should().Be(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero), "the desk is warned as the day begins, estate-local");
        violation.Rectification!.Evaluate(Violation.RectificationDeadline, clock.DueAt.AddSeconds(1)).OfType<SlaBreachedAt>().Should().ContainSingle()
            .Which.Role.Should().Be(PropertyPlatform.ServiceDefaults.Security.PlatformRoles.CustomerServiceSupervisor);

        var fixedInTime = NewViolation();
        fixedInTime.RequireRectification(new DateOnly(2026, 11, 30), "Restore the wall", "supervisor-1", Found, Shanghai);
        fixedInTime.Checked(true, "Restored", "butler-2", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        fixedInTime.Rectification!.Met.Should().BeTrue();
        fixedInTime.Rectification.NextCheckAt.Should().BeNull("a met deadline is not watched any more");
    }
}
