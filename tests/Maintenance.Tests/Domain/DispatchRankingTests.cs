using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Maintenance.Tests.Domain;

public sealed class DispatchRankingTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly DutyShiftFact DayShift = new("day", new(2026, 12, 7, 0, 30, 0, TimeSpan.Zero), new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero));
    private static readonly TradeCertificationFact Valid = new(CertificationState.Valid, Today.AddMonths(6), ValidToday: true);

    private static CandidateFacts Person(string name, int open = 0, int elsewhere = 0) =>
        new(Guid.NewGuid(), name, Employed: true, LastDay: null, OfTrade: true, Valid, DayShift, open, elsewhere);

    [Fact]
    public void Only_an_employed_technician_of_the_trade_certified_today_and_on_duty_is_eligible_and_each_refusal_says_why()
    {
        var ok = Person("A ok");
        var offDuty = Person("B off duty") with { OnDuty = null };
        var expired = Person("C expired") with { Certification = new(CertificationState.Expired, Today.AddDays(-1), ValidToday: false) };
        var lapsed = Person("D lapsed by date") with { Certification = new(CertificationState.Valid, Today.AddDays(-1), ValidToday: false) };
        var revoked = Person("E revoked") with { Certification = new(CertificationState.Revoked, Today.AddMonths(1), ValidToday: false) };
        var uncertified = Person("F uncertified") with { Certification = null };
        var electrician = Person("G electrician") with { OfTrade = false };
        var leaver = Person("H leaver") with { Employed = false, LastDay = Today.AddDays(-3) };

        var ranked = DispatchRanking.Rank(Trades.Plumbing, [leaver, electrician, uncertified, revoked, lapsed, expired, offDuty, ok]);

        ranked.Where(c => c.Eligible).Select(c => c.Name).Should().Equal("A ok");
        ranked.Single(c => c.Name == "A ok").Reasons.Should().Contain(r => r.StartsWith("plumbing certification valid until", StringComparison.Ordinal))
            .And.Contain(r => r.StartsWith("on duty", StringComparison.Ordinal));
        ranked.Single(c => c.Name == "B off duty").Reasons.Should().Contain("not on duty now");
        ranked.Single(c => c.Name == "C expired").Reasons.Should().Contain("plumbing certification expired (valid until 2026-12-06)");
        ranked.Single(c => c.Name == "D lapsed by date").Reasons.Should().Contain("plumbing certification expired (valid until 2026-12-06)");
        ranked.Single(c => c.Name == "E revoked").Reasons.Should().Contain("plumbing certification revoked");
        ranked.Single(c => c.Name == "F uncertified").Reasons.Should().Contain("no plumbing certification");
        ranked.Single(c => c.Name == "G electrician").Reasons.Should().Contain("not a plumbing technician");
        ranked.Single(c => c.Name == "H leaver").Reasons.Should().Contain("employment ended (last day 2026-12-04)");
        ranked.Where(c => !c.Eligible).Should().OnlyContain(c => c.Rank == null);
    }

    [Fact]
    public void Each_reason_comes_with_its_code_and_values_so_a_screen_can_say_it_in_its_own_language_and_clock()
    {
        var ok = Person("A ok", open: 2, elsewhere: 1);
        var leaver = Person("B leaver") with { Employed = false, LastDay = Today.AddDays(-3), OfTrade = false, Certification = null, OnDuty = null };
        var revoked = Person("C revoked") with { Certification = new(CertificationState.Revoked, Today.AddMonths(1), ValidToday: false) };
        var expired = Person("D expired") with { Certification = new(CertificationState.Expired, Today.AddDays(-1), ValidToday: false) };

        var ranked = DispatchRanking.Rank(Trades.Plumbing, [ok, leaver, revoked, expired]);

        ranked.Single(c => c.Name == "A ok").Explanation.Should().Equal(
            new DispatchReason(DispatchReasonCodes.CertificationValid, Trades.Plumbing, Today.AddMonths(6)),
            new DispatchReason(DispatchReasonCodes.OnDuty, Until: DayShift.EndsAt, Shift: "day"),
            new DispatchReason(DispatchReasonCodes.OpenWorkOrders, Count: 2, Other: 1));
        ranked.Single(c => c.Name == "B leaver").Explanation.Should().Equal(
            new DispatchReason(DispatchReasonCodes.EmploymentEnded, Date: Today.AddDays(-3)),
            new DispatchReason(DispatchReasonCodes.NotOfTrade, Trades.Plumbing),
            new DispatchReason(DispatchReasonCodes.NoCertification, Trades.Plumbing),
            new DispatchReason(DispatchReasonCodes.NotOnDuty),
            new DispatchReason(DispatchReasonCodes.OpenWorkOrders, Count: 0, Other: 0));
        ranked.Single(c => c.Name == "C revoked").Explanation.Should().Contain(new DispatchReason(DispatchReasonCodes.CertificationRevoked, Trades.Plumbing));
        ranked.Single(c => c.Name == "D expired").Explanation.Should().Contain(
            new DispatchReason(DispatchReasonCodes.CertificationExpired, Trades.Plumbing, Today.AddDays(-1)));
    }

    [Fact]
    public void The_english_reasons_are_the_explanation_in_words_one_for_one()
    {
        var leaver = Person("Leaver", open: 2, elsewhere: 1) with { Employed = false, LastDay = Today.AddDays(-3), OfTrade = false, Certification = null };

        var candidate = DispatchRanking.Rank(Trades.Plumbing, [leaver]).Single();

        candidate.Reasons.Should().Equal(candidate.Explanation.Select(r => r.English));
        candidate.Reasons.Should().Equal(
            "employment ended (last day 2026-12-04)", "not a plumbing technician", "no plumbing certification",
            "on duty (day shift until 2026-12-07 09:30Z)", "2 open work orders, 1 in other estates");
    }

    [Fact]
    public void Eligible_technicians_are_ranked_by_open_workload_then_by_open_work_in_other_estates()
    {
        var busy = Person("Busy", open: 3);
        var travelling = Person("Travelling", open: 1, elsewhere: 1);
        var local = Person("Local", open: 1, elsewhere: 0);
        var free = Person("Free", open: 0);
        var ineligibleButIdle = Person("Idle off duty") with { OnDuty = null };

        var ranked = DispatchRanking.Rank(Trades.Plumbing, [busy, travelling, ineligibleButIdle, local, free]);

        ranked.Select(c => c.Name).Should().Equal("Free", "Local", "Travelling", "Busy", "Idle off duty");
        ranked.Select(c => c.Rank).Should().Equal(1, 2, 3, 4, null);
    }
}
