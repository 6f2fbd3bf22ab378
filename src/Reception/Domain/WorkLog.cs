using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

/// <summary>One entry of a clerk's daily work log, on the estate-local day of their shift.</summary>
public sealed class WorkLogEntry : IEstateOwned
{
    private WorkLogEntry()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The clerk's account (token subject).</summary>
    public string Clerk { get; private set; } = "";

    public string ClerkName { get; private set; } = "";

    /// <summary>The estate-local day of the shift the entry belongs to.</summary>
    public DateOnly Day { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset WrittenAt { get; private set; }

    /// <summary>
    /// An entry for <paramref name="day"/>: the estate-local day it is written on, or the day before (a night shift that
    /// runs past midnight is logged on the day it began).
    /// </summary>
    public static WorkLogEntry Write(Guid estateId, string clerk, string clerkName, DateOnly day, string text, EstateCalendar calendar, DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(calendar.ToLocal(at).DateTime);
        if (day != today && day != today.AddDays(-1))
        {
            throw new ArgumentException("An entry is for today's or yesterday's shift.", nameof(day));
        }

        return new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            Clerk = clerk,
            ClerkName = clerkName,
            Day = day,
            Text = text.Trim(),
            WrittenAt = at,
        };
    }
}

public enum SummaryPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>
/// The estate-local days of a day, a week (Monday to Sunday) or a calendar month, and the UTC instants that bound them
/// in the estate's time zone: [<see cref="From"/>, <see cref="To"/>).
/// </summary>
public sealed record ReportingPeriod(SummaryPeriod Kind, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset From, DateTimeOffset To)
{
    public static ReportingPeriod Containing(SummaryPeriod kind, DateOnly day, EstateCalendar calendar)
    {
        var first = kind switch
        {
            SummaryPeriod.Day => day,
            SummaryPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => new DateOnly(day.Year, day.Month, 1),
        };
        var next = kind switch
        {
            SummaryPeriod.Day => first.AddDays(1),
            SummaryPeriod.Week => first.AddDays(7),
            _ => first.AddMonths(1),
        };
        return new(kind, first, next.AddDays(-1), calendar.ToInstant(first, TimeOnly.MinValue), calendar.ToInstant(next, TimeOnly.MinValue));
    }
}
