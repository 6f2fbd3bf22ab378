using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Tests.Domain;

public sealed class ProrationTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Rate Approved(decimal amount, DateOnly from, FeeItem item = FeeItem.ManagementFee)
    {
        var rate = Rate.Propose(Guid.NewGuid(), item, amount, "CNY", from, "manager", Now);
        rate.Approve("admin", Now);
        return rate;
    }

    private static BillableUnit Unit(decimal area, params (DateOnly In, DateOnly? Out)[] stays)
    {
        var unit = BillableUnit.Unknown(Guid.NewGuid(), Guid.NewGuid());
        unit.ApplyRegistered(Now, "1-101", area);
        foreach (var (movedIn, movedOut) in stays)
        {
            var resident = Guid.NewGuid();
            unit.ApplyMovedIn(resident, movedIn);
            if (movedOut is { } day)
            {
                unit.ApplyMovedOut(resident, day);
            }
        }

        return unit;
    }

    private static IReadOnlyList<ComputedLine> Bill(BillableUnit unit, params Rate[] rates) =>
        Proration.MonthlyLines(FeeItem.ManagementFee, November, unit.FloorArea!.Value, unit.OccupiedDays(November, November.AddMonths(1)), rates, "CNY");

    [Fact]
    public void A_unit_lived_in_all_month_pays_rate_times_floor_area()
    {
        var lines = Bill(Unit(88.5m, (new(2025, 1, 1), null)), Approved(2.35m, new(2026, 1, 1)));

        lines.Should().ContainSingle().Which.Amount.Should().Be(207.98m, "2.35 × 88.5 = 207.975, rounded half away from zero");
    }

    [Fact]
    public void A_move_in_on_the_11th_of_a_30_day_month_pays_20_of_30_days()
    {
        var line = Bill(Unit(90m, (new(2026, 11, 11), null)), Approved(3m, new(2026, 1, 1))).Should().ContainSingle().Subject;

        line.Days.Should().Be(20);
        line.DaysInPeriod.Should().Be(30);
        line.Amount.Should().Be(180m, "3 × 90 × 20/30");
    }

    [Fact]
    public void A_move_out_stops_billing_from_that_day()
    {
        var line = Bill(Unit(90m, (new(2025, 1, 1), new DateOnly(2026, 11, 16))), Approved(3m, new(2026, 1, 1))).Should().ContainSingle().Subject;

        line.Days.Should().Be(15, "the move-out day is the first day no longer lived there");
        line.Amount.Should().Be(135m);
    }

    [Fact]
    public void Days_lived_in_by_two_residents_at_once_are_billed_once()
    {
        var line = Bill(Unit(60m, (new(2026, 11, 1), null), (new(2026, 11, 1), null)), Approved(1m, new(2026, 1, 1))).Should().ContainSingle().Subject;

        line.Days.Should().Be(30);
        line.Amount.Should().Be(60m);
    }

    [Fact]
    public void A_rate_changing_mid_month_gives_one_line_per_rate_each_rounded()
    {
        var lines = Bill(Unit(100m, (new(2025, 1, 1), null)), Approved(3m, new(2026, 1, 1)), Approved(3.3m, new(2026, 11, 21)));

        lines.Select(l => (l.Rate, l.Days, l.Amount)).Should().Equal((3m, 20, 200m), (3.3m, 10, 110m));
    }

    [Fact]
    public void A_rate_only_proposed_is_not_billed()
    {
        var proposed = Rate.Propose(Guid.NewGuid(), FeeItem.ManagementFee, 5m, "CNY", new(2026, 1, 1), "manager", Now);

        Bill(Unit(100m, (new(2025, 1, 1), null)), proposed).Should().BeEmpty();
    }

    [Fact]
    public void A_vacant_unit_has_no_bill() =>
        Bill(Unit(100m), Approved(3m, new(2026, 1, 1))).Should().BeEmpty();
}
