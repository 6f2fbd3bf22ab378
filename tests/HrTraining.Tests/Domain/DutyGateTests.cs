using PropertyPlatform.HrTraining.Domain;

namespace PropertyPlatform.HrTraining.Tests.Domain;

public sealed class DutyGateTests
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static StaffMember Technician(params Guid[] estates) =>
        StaffMember.Hire(Guid.NewGuid(), estates[0], "Li Qiang", "technician", ["plumbing"], estates, new(2026, 1, 1), Now);

    private static Certification Certified(StaffMember staff, Duty duty, DateOnly until, Guid? estate = null) =>
        Certification.Grant(estate ?? Estate, staff.Id, duty, new(2026, 1, 1), until, "hr", Now);

    [Fact]
    public void A_person_certified_for_the_trade_in_the_estate_on_the_day_may_go_on_duty()
    {
        var staff = Technician(Estate);

        DutyGate.Refusal(staff, [Certified(staff, Duty.Trade("plumbing"), Day)], Estate, Duty.Trade("plumbing"), Day).Should().BeNull();
    }

    [Fact]
    public void A_person_without_a_certification_cannot_go_on_duty_and_the_refusal_names_them_and_the_certification()
    {
        var staff = Technician(Estate);

        var refusal = DutyGate.Refusal(staff, [], Estate, Duty.Post("gate"), Day);

        refusal.Should().Contain("Li Qiang").And.Contain(staff.Id.ToString()).And.Contain("post 'gate'").And.Contain("none was granted");
    }

    [Fact]
    public void An_expired_certification_keeps_the_person_off_duty()
    {
        var staff = Technician(Estate);

        DutyGate.Refusal(staff, [Certified(staff, Duty.Trade("plumbing"), Day.AddDays(-1))], Estate, Duty.Trade("plumbing"), Day)
            .Should().Contain("it ends on 2026-11-30");
    }

    [Fact]
    public void A_revoked_certification_keeps_the_person_off_duty()
    {
        var staff = Technician(Estate);
        var certification = Certified(staff, Duty.Trade("plumbing"), Day.AddDays(100));
        certification.Revoke("sanction", "hr", Now);

        DutyGate.Refusal(staff, [certification], Estate, Duty.Trade("plumbing"), Day).Should().Contain("revoked");
    }

    [Fact]
    public void A_certification_for_another_trade_or_another_estate_does_not_count()
    {
        var otherEstate = Guid.NewGuid();
        var staff = Technician(Estate, otherEstate);

        DutyGate.Refusal(
                staff,
                [Certified(staff, Duty.Trade("electrical"), Day.AddDays(100)), Certified(staff, Duty.Trade("plumbing"), Day.AddDays(100), otherEstate)],
                Estate, Duty.Trade("plumbing"), Day)
            .Should().Contain("trade 'plumbing'");
    }

    [Fact]
    public void A_person_whose_employment_ended_cannot_go_on_duty_even_when_certified()
    {
        var staff = Technician(Estate);
        var certification = Certified(staff, Duty.Trade("plumbing"), Day.AddDays(100));
        staff.End(Day.AddDays(-1), "resigned", Now);

        DutyGate.Refusal(staff, [certification], Estate, Duty.Trade("plumbing"), Day).Should().Contain("employment ended");
    }

    [Fact]
    public void A_person_who_does_not_work_in_the_estate_cannot_go_on_duty_there()
    {
        var staff = Technician(Guid.NewGuid());

        DutyGate.Refusal(staff, [], Estate, Duty.Trade("plumbing"), Day).Should().Contain("does not work in estate");
    }

    [Fact]
    public void A_night_shift_needs_the_certification_until_the_morning_it_ends()
    {
        var staff = Technician(Estate);
        var certifications = new[] { Certified(staff, Duty.Post("gate"), Day) };

        DutyGate.Refusal(staff, certifications, Estate, Duty.Post("gate"), Day).Should().BeNull();
        DutyGate.Refusal(staff, certifications, Estate, Duty.Post("gate"), Day, Day.AddDays(1))
            .Should().Contain("from 2026-12-01 to 2026-12-02").And.Contain("it ends on 2026-12-01");
    }
}
