using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Tests.Domain;

public sealed class OccupancyTests
{
    private static readonly DateOnly November = new(2026, 11, 1);

    [Fact]
    public void A_move_out_that_arrives_before_its_move_in_still_closes_the_stay()
    {
        var unit = BillableUnit.Unknown(Guid.NewGuid(), Guid.NewGuid());
        var resident = Guid.NewGuid();

        unit.ApplyMovedOut(resident, new(2026, 11, 21));
        unit.ApplyMovedIn(resident, new(2026, 11, 11));

        unit.Stays.Should().ContainSingle();
        unit.OccupiedDays(November, November.AddMonths(1)).Should().HaveCount(10);
    }

    [Fact]
    public void A_repeated_move_in_or_out_changes_nothing()
    {
        var unit = BillableUnit.Unknown(Guid.NewGuid(), Guid.NewGuid());
        var resident = Guid.NewGuid();

        unit.ApplyMovedIn(resident, new(2026, 11, 11));
        unit.ApplyMovedIn(resident, new(2026, 11, 11));
        unit.ApplyMovedOut(resident, new(2026, 11, 21));
        unit.ApplyMovedOut(resident, new(2026, 11, 21));

        unit.Stays.Should().ContainSingle();
        unit.OccupiedDays(November, November.AddMonths(1)).Should().HaveCount(10);
    }

    [Fact]
    public void An_older_registration_does_not_overwrite_a_newer_floor_area()
    {
        var unit = BillableUnit.Unknown(Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;

        unit.ApplyRegistered(now, "1-101", 95m);
        unit.ApplyRegistered(now.AddMinutes(-5), "1-101", 80m);

        unit.FloorArea.Should().Be(95m);
    }
}
