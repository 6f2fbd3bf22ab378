using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class ResidentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Resident MovedIn(DateOnly on) =>
        Resident.MoveIn(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ResidentKind.Tenant, "Sun Li", "13700000001", on, Now);

    private static DateOnly D(int month, int day) => new(2025, month, day);

    [Fact]
    public void A_resident_lives_there_from_the_move_in_day_up_to_but_not_on_the_move_out_day()
    {
        var resident = MovedIn(D(3, 1));
        resident.MoveOut(D(4, 1), null, null, null, null, Now);

        resident.LivesThereOn(D(2, 28)).Should().BeFalse();
        resident.LivesThereOn(D(3, 1)).Should().BeTrue();
        resident.LivesThereOn(D(3, 31)).Should().BeTrue();
        resident.LivesThereOn(D(4, 1)).Should().BeFalse();
    }

    [Fact]
    public void A_stay_overlaps_a_period_sharing_a_day_with_it_and_an_open_stay_overlaps_everything_after_its_start()
    {
        var closed = MovedIn(D(3, 1));
        closed.MoveOut(D(4, 1), null, null, null, null, Now);
        var open = MovedIn(D(3, 1));

        closed.Overlaps(D(4, 1), null).Should().BeFalse("the move-out day is free");
        closed.Overlaps(D(3, 31), null).Should().BeTrue();
        closed.Overlaps(D(2, 1), D(3, 1)).Should().BeFalse();
        closed.Overlaps(D(2, 1), null).Should().BeTrue();
        open.Overlaps(D(12, 1), null).Should().BeTrue();
        open.Overlaps(D(1, 1), D(3, 2)).Should().BeTrue();
    }

    [Fact]
    public void A_move_out_cannot_precede_the_move_in_nor_happen_twice()
    {
        var resident = MovedIn(D(3, 1));

        resident.Invoking(r => r.MoveOut(D(2, 28), null, null, null, null, Now)).Should().Throw<ArgumentOutOfRangeException>();
        resident.MoveOut(D(3, 1), 1m, 2m, null, "same day", Now);
        resident.Invoking(r => r.MoveOut(D(3, 2), null, null, null, null, Now)).Should().Throw<InvalidOperationException>();
        resident.Overlaps(D(1, 1), null).Should().BeFalse("a stay moved out on its move-in day is empty");
    }

    [Fact]
    public void The_last_move_out_leaves_a_unit_vacant_unless_it_is_being_renovated()
    {
        var occupied = Unit.Register(Guid.NewGuid(), Guid.NewGuid(), "101", 1, 80m, UnitUsage.Residential, UnitStatus.Vacant, Now);
        var renovating = Unit.Register(Guid.NewGuid(), Guid.NewGuid(), "102", 1, 80m, UnitUsage.Residential, UnitStatus.Renovating, Now);
        occupied.MarkOccupied();

        occupied.MarkVacated();
        renovating.MarkVacated();

        occupied.Status.Should().Be(UnitStatus.Vacant);
        renovating.Status.Should().Be(UnitStatus.Renovating);
    }

    [Fact]
    public void A_move_in_hands_over_at_least_one_key()
    {
        var noKeys = () => MoveIn.Record(Guid.NewGuid(), Guid.NewGuid(), D(3, 1), 0, 1m, 2m, null, null, "clerk", Now);

        noKeys.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Occupancy_merges_overlapping_and_adjoining_stays_and_clips_them_to_the_period()
    {
        (DateOnly, DateOnly?)[] stays =
        [
            (D(1, 20), D(2, 10)),
            (D(2, 10), D(2, 15)),
            (D(2, 12), D(2, 14)),
            (D(2, 20), null),
            (D(5, 1), D(5, 1)),
            (D(3, 5), D(3, 6)),
        ];

        var periods = Occupancy.Periods(stays, D(2, 1), D(3, 1));

        periods.Should().Equal((D(2, 1), D(2, 15)), (D(2, 20), D(3, 1)));
        Occupancy.Periods([], D(2, 1), D(3, 1)).Should().BeEmpty();
    }
}
