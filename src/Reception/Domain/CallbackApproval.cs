using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

public enum CallbackApprovalStatus
{
    Pending,
    Approved,
}

/// <summary>
/// Every Monday, last week's called-back tickets go to the estate manager for approval: one record per estate and
/// week, due by the end of that Monday (estate-local), with the manager's approval and note.
/// </summary>
public sealed class CallbackApproval : IEstateOwned
{
    /// <summary>Approved by the end of Monday; a group admin hears of it a day after the breach.</summary>
    public static readonly SlaPolicy Deadline = new(
        "weekly-callback-approval", SlaTimeBasis.SameLocalDay, TimeSpan.Zero, TimeSpan.FromHours(4),
        [new(TimeSpan.Zero, PlatformRoles.EstateManager), new(TimeSpan.FromDays(1), PlatformRoles.GroupAdmin)]);

    private CallbackApproval()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The Monday (estate-local) of the week whose called-back tickets are reviewed.</summary>
    public DateOnly WeekStart { get; private set; }

    public CallbackApprovalStatus Status { get; private set; }

    public SlaClock Due { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public string? ApproverName { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? Note { get; private set; }

    public uint Version { get; private set; }

    /// <summary>
    /// The review of the week starting <paramref name="weekStart"/>, due the following Monday: its clock starts at that
    /// Monday's local midnight, even when the record is made later (a service that was down does not move the deadline).
    /// </summary>
    public static CallbackApproval Open(Guid estateId, DateOnly weekStart, EstateCalendar calendar, DateTimeOffset now)
    {
        if (weekStart.DayOfWeek != DayOfWeek.Monday)
        {
            throw new ArgumentException("A week starts on a Monday.", nameof(weekStart));
        }

        return new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            WeekStart = weekStart,
            Status = CallbackApprovalStatus.Pending,
            Due = SlaClock.Start(Deadline, calendar, calendar.ToInstant(weekStart.AddDays(7), TimeOnly.MinValue)),
            CreatedAt = now,
        };
    }

    /// <summary>The estate-local Monday of the week before the one <paramref name="today"/> is in.</summary>
    public static DateOnly LastWeekOf(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);

    /// <summary>The instants the reviewed week spans, estate-local Monday 00:00 to the next.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Week(EstateCalendar calendar) =>
        (calendar.ToInstant(WeekStart, TimeOnly.MinValue), calendar.ToInstant(WeekStart.AddDays(7), TimeOnly.MinValue));

    public bool Approve(string by, string name, string? note, DateTimeOffset at)
    {
        if (Status == CallbackApprovalStatus.Approved)
        {
            return false;
        }

        Status = CallbackApprovalStatus.Approved;
        ApprovedBy = by;
        ApproverName = name;
        ApprovedAt = at;
        Note = note;
        Due.Complete(at);
        return true;
    }
}
