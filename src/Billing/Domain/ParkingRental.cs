using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// A parking space of the estate rented to a unit from <see cref="From"/> to <see cref="Until"/> (both estate-local days,
/// both rented; no end while it runs). The parking run bills the unit rate × days rented ÷ days in the month per space,
/// whether or not anyone lives in the unit. A space is rented to one unit at a time (<c>ParkingRentalsApi</c> refuses overlaps).
/// </summary>
public sealed class ParkingRental : IEstateOwned
{
    public const int MaxSpace = 20;

    private ParkingRental()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    /// <summary>The space as the estate numbers it (e.g. B1-023), trimmed and in capitals so one space has one spelling.</summary>
    public string Space { get; private set; } = "";

    public DateOnly From { get; private set; }

    /// <summary>The last day rented; null while the rental runs.</summary>
    public DateOnly? Until { get; private set; }

    public string RentedBy { get; private set; } = "";

    public DateTimeOffset RentedAt { get; private set; }

    public string? EndedBy { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public static string Normalize(string space) => space.Trim().ToUpperInvariant();

    public static ParkingRental Rent(Guid estateId, Guid unitId, string space, DateOnly from, DateOnly? until, string rentedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        UnitId = unitId,
        Space = Normalize(space),
        From = from,
        Until = until,
        RentedBy = rentedBy,
        RentedAt = now,
    };

    public void End(DateOnly until, string endedBy, DateTimeOffset now)
    {
        Until = until;
        EndedBy = endedBy;
        EndedAt = now;
    }

    /// <summary>Whether the rental and the days [<paramref name="from"/>, <paramref name="until"/>] (until null: open) share a day.</summary>
    public bool Overlaps(DateOnly from, DateOnly? until) => From <= (until ?? DateOnly.MaxValue) && from <= (Until ?? DateOnly.MaxValue);

    /// <summary>The days of [<paramref name="first"/>, <paramref name="until"/>) the space was rented, in order.</summary>
    public IReadOnlyList<DateOnly> RentedDays(DateOnly first, DateOnly until)
    {
        var start = From > first ? From : first;
        var end = Until is { } last && last.AddDays(1) < until ? last.AddDays(1) : until;
        return [.. Enumerable.Range(0, Math.Max(0, end.DayNumber - start.DayNumber)).Select(start.AddDays)];
    }
}
