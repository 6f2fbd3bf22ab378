using PropertyPlatform.ServiceDefaults.Problems;
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

    public Shift Shift { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }

    /// <summary>
    /// An entry for <paramref name="day"/>: the estate-local day it is written on, or the day before (a night shift that
    /// runs past midnight is logged on the day it began).
    /// </summary>
    public static WorkLogEntry Write(
        Guid estateId, string clerk, string clerkName, DateOnly day, string text, EstateCalendar calendar, DateTimeOffset at, Shift shift = Shift.Day)
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
            Shift = shift,
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

/// <summary>Which shift a log entry is written for: the night shift's log is what the day shift reads at the handover.</summary>
public enum Shift
{
    Day,
    Night,
}

public enum WorkReportStatus
{
    /// <summary>Written by the clerk, waiting for their superior.</summary>
    Submitted,

    /// <summary>The superior sent it back with a comment; the clerk rewrites and submits it again.</summary>
    Returned,

    /// <summary>The superior reviewed and accepted it.</summary>
    Reviewed,
}

/// <summary>
/// A clerk's written weekly or monthly work summary for their superior. The monthly one carries next month's plan. The
/// superior — a CS supervisor or the estate manager, never the author — accepts it or returns it with a comment.
/// </summary>
public sealed class WorkReport : IEstateOwned
{
    private WorkReport()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Clerk { get; private set; } = "";

    public string ClerkName { get; private set; } = "";

    /// <summary>Week or Month.</summary>
    public SummaryPeriod Period { get; private set; }

    public DateOnly FirstDay { get; private set; }

    public string Summary { get; private set; } = "";

    /// <summary>Next month's plan: required in a monthly summary, none in a weekly one.</summary>
    public string? NextMonthPlan { get; private set; }

    public WorkReportStatus Status { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    public string? Reviewer { get; private set; }

    public string? ReviewerName { get; private set; }

    public string? ReviewComment { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public uint Version { get; private set; }

    public static WorkReport Submit(
        Guid estateId, string clerk, string clerkName, ReportingPeriod period, string summary, string? nextMonthPlan, DateTimeOffset at)
    {
        if (period.Kind == SummaryPeriod.Day)
        {
            throw new ArgumentException("Summaries are weekly or monthly.", nameof(period));
        }

        return new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            Clerk = clerk,
            ClerkName = clerkName,
            Period = period.Kind,
            FirstDay = period.FirstDay,
            Summary = summary,
            NextMonthPlan = period.Kind == SummaryPeriod.Month ? nextMonthPlan : null,
            Status = WorkReportStatus.Submitted,
            SubmittedAt = at,
        };
    }

    /// <summary>The clerk rewrites a returned summary; one still waiting or already reviewed is not rewritten.</summary>
    public void Resubmit(string summary, string? nextMonthPlan, DateTimeOffset at)
    {
        if (Status != WorkReportStatus.Returned)
        {
            throw new ConflictException($"The summary is {Status}: only a returned one is written again.");
        }

        Summary = summary;
        NextMonthPlan = Period == SummaryPeriod.Month ? nextMonthPlan : null;
        Status = WorkReportStatus.Submitted;
        SubmittedAt = at;
    }

    public void Review(bool accepted, string reviewer, string reviewerName, string? comment, DateTimeOffset at)
    {
        if (reviewer == Clerk)
        {
            throw new ForbiddenException("A summary is reviewed by the author's superior, not by the author.");
        }

        if (Status != WorkReportStatus.Submitted)
        {
            throw new ConflictException($"The summary is {Status}: only a submitted one is reviewed.");
        }

        Status = accepted ? WorkReportStatus.Reviewed : WorkReportStatus.Returned;
        Reviewer = reviewer;
        ReviewerName = reviewerName;
        ReviewComment = comment;
        ReviewedAt = at;
    }
}

/// <summary>
/// The morning handover from the night shift: the day clerk read the night's log (the entries written for the night
/// shift of the day before) and acknowledged it, once per estate and day. Due by <see cref="DueBy"/>, estate-local.
/// </summary>
public sealed class ShiftHandover : IEstateOwned
{
    /// <summary>The handover runs 08:30–08:40: acknowledged later than that, it is late.</summary>
    public static readonly TimeOnly DueBy = new(8, 40);

    private ShiftHandover()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The estate-local day the day shift starts.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>The night-log entries that were read.</summary>
    public List<Guid> NightEntryIds { get; private set; } = [];

    public string? Notes { get; private set; }

    public string AcknowledgedBy { get; private set; } = "";

    public string AcknowledgedByName { get; private set; } = "";

    public DateTimeOffset AcknowledgedAt { get; private set; }

    public bool Late { get; private set; }

    public static ShiftHandover Acknowledge(
        Guid estateId, DateOnly day, IReadOnlyList<Guid> nightEntryIds, string? notes, string by, string byName, EstateCalendar calendar, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Day = day,
        NightEntryIds = [.. nightEntryIds],
        Notes = notes,
        AcknowledgedBy = by,
        AcknowledgedByName = byName,
        AcknowledgedAt = at,
        Late = at > calendar.ToInstant(day, DueBy),
    };
}
