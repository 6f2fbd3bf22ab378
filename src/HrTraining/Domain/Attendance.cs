using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining.Domain;

/// <summary>
/// When a rostered shift must be signed into and may be signed out of. A shift that starts by the estate's sign-in
/// time is the office day with the morning meeting: the estate's times govern it (sign in by 08:20, sign out after
/// 17:30 or 18:00 in summer). Any other shift (afternoon, night) is judged by its own rostered start and end, and a
/// night shift ending in the morning stays for the handover: it may sign out once the handover is over.
/// </summary>
public readonly record struct ShiftTimes(DateTimeOffset SignInBy, DateTimeOffset SignOutFrom)
{
    /// <summary>How early before its start a shift can be signed into.</summary>
    public static readonly TimeSpan SignInOpensBefore = TimeSpan.FromHours(3);

    public static ShiftTimes Of(DateOnly day, DateTimeOffset startsAt, DateTimeOffset endsAt, AttendanceSettings settings, EstateCalendar calendar)
    {
        var signInBy = calendar.ToInstant(day, settings.SignInBy);
        if (startsAt <= signInBy)
        {
            return new(signInBy, calendar.ToInstant(day, settings.SignOutAfter(day)));
        }

        var lastDay = DutyShift.LastDay(calendar, endsAt);
        var handoverEnds = calendar.ToInstant(lastDay, settings.HandoverUntil);
        var isNightShift = lastDay > day && endsAt <= handoverEnds;
        return new(startsAt, isNightShift ? handoverEnds : endsAt);
    }

    public static ShiftTimes Of(DutyShift shift, AttendanceSettings settings, EstateCalendar calendar) =>
        Of(shift.Day, shift.StartsAt, shift.EndsAt, settings, calendar);

    /// <summary>Whole minutes late (0 when on time): a sign-in at 08:20:30 is a minute late.</summary>
    public int MinutesLate(DateTimeOffset signedInAt) => MinutesBetween(SignInBy, signedInAt);

    /// <summary>Whole minutes left before the sign-out time (0 when not early).</summary>
    public int MinutesEarly(DateTimeOffset signedOutAt) => MinutesBetween(signedOutAt, SignOutFrom);

    private static int MinutesBetween(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 0 : (int)Math.Ceiling((to - from).TotalMinutes);
}

/// <summary>
/// One person's attendance of one rostered shift: signed in and out by the person themself, from a device registered
/// to them. Lateness and early leave are fixed when they happen, against the estate's times then in force.
/// </summary>
public sealed class AttendanceRecord : IEstateOwned
{
    private AttendanceRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid ShiftId { get; private set; }

    public Guid StaffId { get; private set; }

    public DateOnly Day { get; private set; }

    public DateTimeOffset SignInBy { get; private set; }

    public DateTimeOffset SignOutFrom { get; private set; }

    public DateTimeOffset SignedInAt { get; private set; }

    public string SignInDevice { get; private set; } = "";

    public int MinutesLate { get; private set; }

    public DateTimeOffset? SignedOutAt { get; private set; }

    public int MinutesEarly { get; private set; }

    public uint Version { get; private set; }

    public bool IsLate => MinutesLate > 0;

    public bool LeftEarly => MinutesEarly > 0;

    public static AttendanceRecord SignIn(DutyShift shift, ShiftTimes times, string deviceId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = shift.EstateId,
        ShiftId = shift.Id,
        StaffId = shift.StaffId,
        Day = shift.Day,
        SignInBy = times.SignInBy,
        SignOutFrom = times.SignOutFrom,
        SignedInAt = now,
        SignInDevice = deviceId,
        MinutesLate = times.MinutesLate(now),
    };

    public bool SignOut(DateTimeOffset now)
    {
        if (SignedOutAt is not null)
        {
            return false;
        }

        SignedOutAt = now;
        MinutesEarly = new ShiftTimes(SignInBy, SignOutFrom).MinutesEarly(now);
        return true;
    }
}

/// <summary>A phone or terminal registered to one person: the only device they can sign in and out from (no proxy sign-in).</summary>
public sealed class RegisteredDevice : IEstateOwned
{
    private RegisteredDevice()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The person's home estate, whose supervisors keep the registration.</summary>
    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public string DeviceId { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public string RegisteredBy { get; private set; } = "";

    public DateTimeOffset? RemovedAt { get; private set; }

    public static RegisteredDevice Register(StaffMember staff, string deviceId, string registeredBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = staff.EstateId,
        StaffId = staff.Id,
        DeviceId = deviceId,
        RegisteredAt = now,
        RegisteredBy = registeredBy,
    };

    public bool Remove(DateTimeOffset now)
    {
        if (RemovedAt is not null)
        {
            return false;
        }

        RemovedAt = now;
        return true;
    }
}

public enum ProxyAttemptReason
{
    /// <summary>The caller named someone else as the person signing.</summary>
    OtherPerson,

    /// <summary>The device is registered to someone else.</summary>
    OtherPersonsDevice,

    /// <summary>The device is registered to nobody.</summary>
    UnregisteredDevice,
}

/// <summary>A refused sign-in or sign-out for someone else, or from a device that is not the caller's: kept for the supervisors.</summary>
public sealed class ProxySignInAttempt : IEstateOwned
{
    private ProxySignInAttempt()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>Who called (the token's account).</summary>
    public Guid CallerId { get; private set; }

    /// <summary>Whom the attempt was for: the person named, or the device's owner; null for an unregistered device.</summary>
    public Guid? OnBehalfOfId { get; private set; }

    public string DeviceId { get; private set; } = "";

    public string Action { get; private set; } = "";

    public ProxyAttemptReason Reason { get; private set; }

    public DateTimeOffset AttemptedAt { get; private set; }

    public static ProxySignInAttempt Record(
        Guid estateId, Guid callerId, Guid? onBehalfOfId, string deviceId, string action, ProxyAttemptReason reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        CallerId = callerId,
        OnBehalfOfId = onBehalfOfId,
        DeviceId = deviceId,
        Action = action,
        Reason = reason,
        AttemptedAt = now,
    };
}

public enum LeaveKind
{
    Annual,
    Sick,
    Personal,
    Compensatory,
}

public enum LeaveStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// Leave a person asks for, estate-local days <see cref="From"/> to <see cref="Until"/> inclusive; once approved by a
/// supervisor or the estate manager (never by the person themself), their shifts on those days are leave, not absence.
/// </summary>
public sealed class LeaveRequest : IEstateOwned
{
    private LeaveRequest()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The person's home estate, whose supervisors decide.</summary>
    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public LeaveKind Kind { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly Until { get; private set; }

    public string Reason { get; private set; } = "";

    public LeaveStatus Status { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionNote { get; private set; }

    public uint Version { get; private set; }

    public static LeaveRequest Ask(StaffMember staff, LeaveKind kind, DateOnly from, DateOnly until, string reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = staff.EstateId,
        StaffId = staff.Id,
        Kind = kind,
        From = from,
        Until = until,
        Reason = reason,
        Status = LeaveStatus.Pending,
        RequestedAt = now,
    };

    public bool Decide(bool approve, string decidedBy, string? note, DateTimeOffset now)
    {
        if (Status != LeaveStatus.Pending)
        {
            return false;
        }

        Status = approve ? LeaveStatus.Approved : LeaveStatus.Rejected;
        DecidedBy = decidedBy;
        DecidedAt = now;
        DecisionNote = note;
        return true;
    }

    public bool Covers(DateOnly day) => Status == LeaveStatus.Approved && From <= day && day <= Until;

    /// <summary>Whether approved, it covers any of the estate-local days <paramref name="first"/> to <paramref name="last"/> (a night shift runs into the next day).</summary>
    public bool CoversAnyOf(DateOnly first, DateOnly last) => Status == LeaveStatus.Approved && From <= last && first <= Until;
}

/// <summary>
/// An estate's attendance sheet for one month, due by the 5th of the next (estate-local end of that day) on the SLA
/// engine: issued by the estate manager or HR once checked, which stops the clock. One per estate and month.
/// </summary>
public sealed class AttendanceSheetDeadline : IEstateOwned
{
    public static readonly SlaPolicy Deadline = SlaPolicy.ByDayOfMonth(
        "attendance-sheet-by-5th", 5, TimeSpan.FromDays(2),
        [new(TimeSpan.Zero, PlatformRoles.EstateManager), new(TimeSpan.FromDays(1), PlatformRoles.GroupAdmin)]);

    private AttendanceSheetDeadline()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The first day of the month the sheet covers.</summary>
    public DateOnly Month { get; private set; }

    public SlaClock Due { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? IssuedAt { get; private set; }

    public string? IssuedBy { get; private set; }

    public uint Version { get; private set; }

    /// <summary>
    /// The sheet of <paramref name="month"/>: its clock starts when that month ends (estate-local), even when the
    /// record is made later, so a service that was down does not move the deadline.
    /// </summary>
    public static AttendanceSheetDeadline Open(Guid estateId, DateOnly month, EstateCalendar calendar, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        Month = month,
        Due = SlaClock.Start(Deadline, calendar, calendar.ToInstant(month.AddMonths(1), TimeOnly.MinValue)),
        CreatedAt = now,
    };

    public bool Issue(string by, DateTimeOffset now)
    {
        if (IssuedAt is not null)
        {
            return false;
        }

        IssuedAt = now;
        IssuedBy = by;
        Due.Complete(now);
        return true;
    }

    public bool IssuedInTime => IssuedAt is { } issued && issued <= Due.DueAt;
}
