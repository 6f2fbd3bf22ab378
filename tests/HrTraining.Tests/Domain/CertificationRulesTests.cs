using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining.Tests.Domain;

public sealed class CertificationRulesTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));
    private static readonly DateTimeOffset GrantedAt = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);

    private static Certification Plumbing(DateOnly from, DateOnly until) =>
        Certification.Grant(Guid.NewGuid(), Guid.NewGuid(), Duty.Trade("plumbing"), from, until, "hr", GrantedAt);

    [Fact]
    public void A_certification_is_valid_from_its_first_to_its_last_day_inclusive()
    {
        var certification = Plumbing(new(2026, 1, 10), new(2026, 12, 31));

        certification.IsValidOn(new(2026, 1, 9)).Should().BeFalse();
        certification.IsValidOn(new(2026, 1, 10)).Should().BeTrue();
        certification.IsValidOn(new(2026, 12, 31)).Should().BeTrue();
        certification.IsValidOn(new(2027, 1, 1)).Should().BeFalse();
    }

    [Fact]
    public void A_certification_expires_at_the_estate_local_midnight_not_at_utc_midnight()
    {
        var certification = Plumbing(new(2026, 1, 10), new(2026, 12, 1));

        // Midnight between 1 and 2 December in Shanghai is 16:00 UTC on 1 December.
        certification.ExpiresAt(Shanghai).Should().Be(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero));
        certification.IsValidAt(new DateTimeOffset(2026, 12, 1, 15, 59, 59, TimeSpan.Zero), Shanghai).Should().BeTrue();
        certification.IsValidAt(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), Shanghai).Should().BeFalse();
        certification.ExpiryIsDue(new DateTimeOffset(2026, 12, 1, 15, 59, 59, TimeSpan.Zero), Shanghai).Should().BeFalse();
        certification.ExpiryIsDue(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), Shanghai).Should().BeTrue();
    }

    [Fact]
    public void An_expiry_is_due_once_per_validity_period_and_again_after_a_renewal_runs_out()
    {
        var certification = Plumbing(new(2026, 1, 10), new(2026, 6, 30));
        var afterFirstEnd = new DateTimeOffset(2026, 7, 2, 0, 0, 0, TimeSpan.Zero);

        certification.ExpiryIsDue(afterFirstEnd, Shanghai).Should().BeTrue();
        certification.MarkExpiryAnnounced();
        certification.ExpiryIsDue(afterFirstEnd, Shanghai).Should().BeFalse("the expiry of this period was announced");

        certification.Renew(new(2026, 12, 31), afterFirstEnd).Should().Be(new DateOnly(2026, 6, 30));
        certification.IsValidAt(afterFirstEnd, Shanghai).Should().BeTrue("a renewal puts the person back on duty");
        certification.ExpiryIsDue(afterFirstEnd, Shanghai).Should().BeFalse();
        certification.ExpiryIsDue(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), Shanghai).Should().BeTrue();
    }

    [Fact]
    public void A_revoked_certification_is_not_valid_cannot_be_renewed_and_never_expires_later()
    {
        var certification = Plumbing(new(2026, 1, 10), new(2026, 12, 31));

        certification.Revoke("Failed re-training", "hr", GrantedAt.AddDays(30)).Should().BeTrue();

        certification.IsValidOn(new(2026, 3, 1)).Should().BeFalse();
        certification.Renew(new(2027, 12, 31), GrantedAt.AddDays(31)).Should().BeNull();
        certification.Revoke("again", "hr", GrantedAt.AddDays(32)).Should().BeFalse();
        certification.ExpiryIsDue(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero), Shanghai).Should().BeFalse("revocation was announced already");
    }

    [Fact]
    public void A_renewal_must_move_the_last_day_later()
    {
        var certification = Plumbing(new(2026, 1, 10), new(2026, 12, 31));

        certification.Renew(new(2026, 12, 31), GrantedAt).Should().BeNull();
        certification.Renew(new(2026, 6, 30), GrantedAt).Should().BeNull();
        certification.ValidUntil.Should().Be(new DateOnly(2026, 12, 31));
    }

    [Fact]
    public void The_warning_list_holds_certifications_valid_today_that_end_within_30_days()
    {
        var today = new DateOnly(2026, 12, 1);

        Plumbing(new(2026, 1, 1), today).ExpiresWithin(Certification.WarningDays, today).Should().BeTrue();
        Plumbing(new(2026, 1, 1), today.AddDays(30)).ExpiresWithin(Certification.WarningDays, today).Should().BeTrue();
        Plumbing(new(2026, 1, 1), today.AddDays(31)).ExpiresWithin(Certification.WarningDays, today).Should().BeFalse();
        Plumbing(new(2026, 1, 1), today.AddDays(-1)).ExpiresWithin(Certification.WarningDays, today).Should().BeFalse("it has expired already");
    }

    [Fact]
    public void A_revocation_does_not_rewrite_the_days_a_certification_already_covered()
    {
        var certification = Plumbing(new(2026, 1, 10), new(2026, 12, 31));
        // 20:00 UTC on 1 March is 04:00 on 2 March in Shanghai: the revocation's local day is 2 March.
        certification.Revoke("Sanction", "hr", new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero));

        certification.CoveredOn(new(2026, 3, 1), Shanghai).Should().BeTrue();
        certification.CoveredOn(new(2026, 3, 2), Shanghai).Should().BeFalse();
        certification.CoveredOn(new(2026, 1, 9), Shanghai).Should().BeFalse();
    }
}
