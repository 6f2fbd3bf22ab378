using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.ServiceDefaults.Tests.Staffing;

public sealed class StaffReadModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_certification_ends_in_the_state_of_its_newest_event_whatever_the_arrival_order()
    {
        var until = new DateOnly(2027, 6, 30);
        var inOrder = KnownCertification.Unknown(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "plumbing", post: null);
        inOrder.Apply(T0, CertificationState.Valid, until);
        inOrder.Apply(T0.AddDays(1), CertificationState.Expired, until);

        var reversed = KnownCertification.Unknown(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "plumbing", post: null);
        reversed.Apply(T0.AddDays(1), CertificationState.Expired, until).Should().BeTrue();
        reversed.Apply(T0, CertificationState.Valid, until).Should().BeFalse("the grant is older than the expiry already known");

        inOrder.State.Should().Be(CertificationState.Expired);
        reversed.State.Should().Be(CertificationState.Expired);
    }

    [Fact]
    public void A_valid_certification_past_its_last_day_no_longer_counts_even_before_hr_training_says_it_expired()
    {
        var certification = KnownCertification.Unknown(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "plumbing", post: null);
        certification.Apply(T0, CertificationState.Valid, new DateOnly(2026, 12, 31));

        certification.ValidOn(new DateOnly(2026, 12, 31)).Should().BeTrue();
        certification.ValidOn(new DateOnly(2027, 1, 1)).Should().BeFalse();
    }

    [Fact]
    public void An_employment_end_that_overtakes_the_hire_still_ends_it_and_an_older_profile_does_not_overwrite_a_newer_one()
    {
        var estate = Guid.NewGuid();
        var staff = KnownStaffMember.Unknown(Guid.NewGuid(), estate);
        staff.ApplyEnded(T0.AddDays(2), new DateOnly(2026, 12, 3));
        staff.ApplyProfile(T0.AddDays(1), estate, "Wang (changed)", "technician", ["Electrical"], [estate]);
        staff.ApplyHired(T0);
        staff.ApplyProfile(T0, estate, "Wang", "technician", ["plumbing"], [estate]).Should().BeFalse();

        staff.EmployedOn(new DateOnly(2026, 12, 3)).Should().BeTrue();
        staff.EmployedOn(new DateOnly(2026, 12, 4)).Should().BeFalse();
        staff.DisplayName.Should().Be("Wang (changed)");
        staff.Trades.Should().Equal("electrical");
    }
}
