using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining.Domain;

/// <summary>
/// One estate's duty roster for one estate-local <see cref="Day"/>: its shifts are planned, then the whole day is
/// published (and republished after changes). Only published shifts count as "on duty".
/// </summary>
public sealed class DutyRoster : IEstateOwned
{
    private DutyRoster()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public DateOnly Day { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public DateTimeOffset? ChangedAt { get; private set; }

    /// <summary>PostgreSQL's row version: a shift added while the day is being published makes one of them retry.</summary>
    public uint Version { get; private set; }

    public static DutyRoster Open(Guid estateId, DateOnly day, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), EstateId = estateId, Day = day };

    public void Publish(IEnumerable<DutyShift> shifts, string publishedBy, DateTimeOffset now)
    {
        PublishedAt = now;
        PublishedBy = publishedBy;
        foreach (var shift in shifts)
        {
            shift.PublishedAt = now;
        }
    }

    /// <summary>Records a change of its shifts; the row version moves with it, so a publish running meanwhile fails and is retried.</summary>
    public void Touch(DateTimeOffset now) => ChangedAt = now;
}

/// <summary>
/// One person's shift on a roster, at a <see cref="Duty"/> (a post or a trade), from <see cref="StartsAt"/> to
/// <see cref="EndsAt"/> (UTC; a night shift ends the next day).
/// </summary>
public sealed class DutyShift : IEstateOwned
{
    private DutyShift()
    {
    }

    public Guid Id { get; private set; }

    public Guid RosterId { get; private set; }

    public Guid EstateId { get; private set; }

    public DateOnly Day { get; private set; }

    public Guid StaffId { get; private set; }

    public string StaffName { get; private set; } = "";

    /// <summary>The shift's name: <c>day</c>, <c>night</c>...</summary>
    public string Shift { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public DutyKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public DateTimeOffset AssignedAt { get; private set; }

    public string AssignedBy { get; private set; } = "";

    /// <summary>When the roster carrying this shift was published; null while only planned.</summary>
    public DateTimeOffset? PublishedAt { get; internal set; }

    public Duty Duty => new(Kind, Name);

    public static DutyShift Assign(
        DutyRoster roster, StaffMember staff, string shift, DateTimeOffset startsAt, DateTimeOffset endsAt, Duty duty, string assignedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            RosterId = roster.Id,
            EstateId = roster.EstateId,
            Day = roster.Day,
            StaffId = staff.Id,
            StaffName = staff.DisplayName,
            Shift = shift,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Kind = duty.Kind,
            Name = duty.Name,
            AssignedAt = now,
            AssignedBy = assignedBy,
        };

    /// <summary>The last estate-local day the shift runs on: the next one for a night shift, the same one for a shift ending at midnight.</summary>
    public DateOnly LastDay(EstateCalendar calendar) => LastDay(calendar, EndsAt);

    public static DateOnly LastDay(EstateCalendar calendar, DateTimeOffset endsAt) => calendar.LocalDay(endsAt.AddTicks(-1));
}
