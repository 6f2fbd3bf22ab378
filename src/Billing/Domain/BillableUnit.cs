using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// Billing's copy of a unit in reception's registry, with its owner: what a run bills by floor area and whom the bill is
/// sent to. Built from events that may arrive in any order, so a row can exist before <c>UnitRegistered</c> (a move-in
/// overtook it): such a unit is not billed until its floor area is known.
/// </summary>
public sealed class BillableUnit : IEstateOwned
{
    private BillableUnit()
    {
    }

    public Guid UnitId { get; private set; }

    public Guid EstateId { get; private set; }

    public string Number { get; private set; } = "";

    public decimal? FloorArea { get; private set; }

    /// <summary>When reception decided the registry facts held here, so an older event changes nothing.</summary>
    public DateTimeOffset RegisteredAsOf { get; private set; }

    /// <summary>The owner in reception's roster, who receives bills and receipts; null until reception names one.</summary>
    public Guid? OwnerId { get; private set; }

    public DateTimeOffset OwnerAsOf { get; private set; }

    public List<Occupancy> Stays { get; private set; } = [];

    public static BillableUnit Unknown(Guid unitId, Guid estateId) =>
        new() { UnitId = unitId, EstateId = estateId, RegisteredAsOf = DateTimeOffset.MinValue, OwnerAsOf = DateTimeOffset.MinValue };

    public void ApplyRegistered(DateTimeOffset occurredAt, string number, decimal floorArea)
    {
        if (occurredAt <= RegisteredAsOf)
        {
            return;
        }

        Number = number;
        FloorArea = floorArea;
        RegisteredAsOf = occurredAt;
    }

    public void ApplyOwner(DateTimeOffset occurredAt, Guid ownerId)
    {
        if (occurredAt <= OwnerAsOf)
        {
            return;
        }

        OwnerId = ownerId;
        OwnerAsOf = occurredAt;
    }

    /// <summary>A resident moved in on <paramref name="on"/>; completes a stay whose move-out arrived first.</summary>
    public void ApplyMovedIn(Guid residentId, DateOnly on)
    {
        if (Stays.Any(s => s.ResidentId == residentId && s.MovedInOn == on))
        {
            return;
        }

        var early = Stays.Where(s => s.ResidentId == residentId && s.MovedInOn is null && s.MovedOutOn > on).MinBy(s => s.MovedOutOn);
        if (early is not null)
        {
            early.MovedInOn = on;
            return;
        }

        Stays.Add(new Occupancy { Id = Guid.CreateVersion7(), EstateId = EstateId, UnitId = UnitId, ResidentId = residentId, MovedInOn = on });
    }

    /// <summary>A resident moved out on <paramref name="on"/> (the first day no longer there); ends their stay that began before.</summary>
    public void ApplyMovedOut(Guid residentId, DateOnly on)
    {
        if (Stays.Any(s => s.ResidentId == residentId && s.MovedOutOn == on))
        {
            return;
        }

        var stay = Stays.Where(s => s.ResidentId == residentId && s.MovedOutOn is null && s.MovedInOn < on).MaxBy(s => s.MovedInOn);
        if (stay is not null)
        {
            stay.MovedOutOn = on;
            return;
        }

        // The move-out overtook its move-in: keep it, the move-in will complete the stay.
        Stays.Add(new Occupancy { Id = Guid.CreateVersion7(), EstateId = EstateId, UnitId = UnitId, ResidentId = residentId, MovedOutOn = on });
    }

    /// <summary>The days of [<paramref name="from"/>, <paramref name="until"/>) on which anyone lived in the unit, in order.</summary>
    public IReadOnlyList<DateOnly> OccupiedDays(DateOnly from, DateOnly until)
    {
        // One flag per day of the period (a month: 28 to 31), not a set: a run asks this of every unit of the estate.
        var length = Math.Max(0, until.DayNumber - from.DayNumber);
        var occupied = new bool[length];
        foreach (var stay in Stays)
        {
            if (stay.MovedInOn is not { } movedIn)
            {
                continue;
            }

            var start = Math.Max(movedIn.DayNumber, from.DayNumber) - from.DayNumber;
            var end = (stay.MovedOutOn is { } outOn && outOn < until ? outOn.DayNumber : until.DayNumber) - from.DayNumber;
            for (var day = start; day < end; day++)
            {
                occupied[day] = true;
            }
        }

        var days = new List<DateOnly>(length);
        for (var day = 0; day < length; day++)
        {
            if (occupied[day])
            {
                days.Add(from.AddDays(day));
            }
        }

        return days;
    }
}

/// <summary>One resident's stay in a unit: the half-open period [moved in, moved out). Either end may be missing while events are on their way.</summary>
public sealed class Occupancy : IEstateOwned
{
    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public Guid UnitId { get; init; }

    public Guid ResidentId { get; init; }

    public DateOnly? MovedInOn { get; set; }

    public DateOnly? MovedOutOn { get; set; }
}
