using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// The year's home-visit coverage of an estate as a deadline: from <see cref="WarnFrom"/> (estate-local) while
/// households are still short of their <see cref="ButlerVisit.RequiredPerYear"/> visits, the front desk is warned, and
/// a year that ends with households short is a breach for the CS supervisor, then the estate manager. The clock
/// completes the day the last short household has had its visits.
/// </summary>
public sealed class VisitCoverageYear : IEstateOwned
{
    /// <summary>Two months before the year runs out: time enough to book the visits still owed.</summary>
    public static readonly (int Month, int Day) WarnFrom = (11, 1);

    /// <summary>
    /// Due at the end of the local year. Elapsed time from 1 November is exactly the 61 days to 1 January in a zone
    /// without a clock change in between (the group's estates); the warning is given at the start.
    /// </summary>
    public static readonly SlaPolicy Deadline = new(
        "home-visits-twice-a-year", SlaTimeBasis.Elapsed, TimeSpan.FromDays(61), TimeSpan.FromDays(61),
        SlaPolicy.FrontDeskChain(TimeSpan.FromDays(7)));

    private VisitCoverageYear()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public int Year { get; private set; }

    /// <summary>Households still short at the last count.</summary>
    public int ShortHouseholds { get; private set; }

    /// <summary>When a count first found <see cref="ShortHouseholds"/> (the hourly counts that find the same write nothing).</summary>
    public DateTimeOffset CountedAt { get; private set; }

    public SlaClock Due { get; private set; } = null!;

    public uint Version { get; private set; }

    /// <summary>The estate-local day the warning starts for <paramref name="year"/>.</summary>
    public static DateOnly WarningDay(int year) => new(year, WarnFrom.Month, WarnFrom.Day);

    /// <summary>Opens the year's deadline; its clock starts on the warning day's local midnight whenever the record is made.</summary>
    public static VisitCoverageYear Open(Guid estateId, int year, int shortHouseholds, EstateCalendar calendar, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        Year = year,
        ShortHouseholds = shortHouseholds,
        CountedAt = now,
        Due = SlaClock.Start(Deadline, calendar, calendar.ToInstant(WarningDay(year), TimeOnly.MinValue)),
    };

    /// <summary>
    /// A new count: none short completes the deadline (once; a later count changes nothing after the year is met). The
    /// same number as before changes nothing either, so the hourly count of November and December costs no write.
    /// </summary>
    public void Recount(int shortHouseholds, DateTimeOffset now)
    {
        if (Due.CompletedAt is not null || shortHouseholds == ShortHouseholds)
        {
            return;
        }

        ShortHouseholds = shortHouseholds;
        CountedAt = now;
        if (shortHouseholds == 0)
        {
            Due.Complete(now);
        }
    }
}
