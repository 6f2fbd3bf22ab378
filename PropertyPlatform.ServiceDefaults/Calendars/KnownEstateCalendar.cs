using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.ServiceDefaults.Calendars;

/// <summary>One weekday an estate works, estate-local time.</summary>
public sealed record KnownWorkingDay(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// A service's copy of an estate's calendar, as reception last announced it. <see cref="AsOf"/> is when reception
/// decided it, so an event older than the copy (redelivered late, or overtaken) changes nothing.
/// </summary>
public sealed class KnownEstateCalendar : IEstateOwned
{
    private KnownEstateCalendar()
    {
    }

    public Guid EstateId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>IANA time zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    public string TimeZoneId { get; private set; } = "";

    /// <summary>ISO 4217 code of the estate's money.</summary>
    public string Currency { get; private set; } = "";

    public List<KnownWorkingDay> WorkingDays { get; private set; } = [];

    public DateTimeOffset AsOf { get; private set; }

    public static KnownEstateCalendar Unknown(Guid estateId) => new() { EstateId = estateId, AsOf = DateTimeOffset.MinValue };

    /// <summary>Takes the announced calendar unless this copy is newer already; returns whether it did.</summary>
    public bool Apply(DateTimeOffset occurredAt, string name, string timeZoneId, string currency, IEnumerable<EstateWorkingDay> workingDays)
    {
        if (occurredAt <= AsOf)
        {
            return false;
        }

        Name = name;
        TimeZoneId = timeZoneId;
        Currency = currency;
        WorkingDays = [.. workingDays.Select(d => new KnownWorkingDay(d.Day, d.Opens, d.Closes)).OrderBy(d => d.Day)];
        AsOf = occurredAt;
        return true;
    }

    public EstateCalendar ToCalendar() => new(
        TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId),
        WorkingDays.ToDictionary(d => d.Day, d => new WorkingDay(d.Opens, d.Closes)));
}
