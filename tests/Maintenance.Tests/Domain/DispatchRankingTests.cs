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
