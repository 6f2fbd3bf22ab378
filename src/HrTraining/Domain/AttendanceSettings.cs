using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Domain;

/// <summary>
/// An estate's working-day times (domain.md: sign-in by 08:20, morning meeting 08:20–08:30, handover with the night
/// shift 08:30–08:40, sign-out after 17:30 in winter and 18:00 in summer), estate-local. An estate without its own
/// settings uses <see cref="Defaults"/>; which months are summer is the estate's choice too.
/// </summary>
public sealed class AttendanceSettings : IEstateOwned
{
    private AttendanceSettings()
    {
    }

    public Guid EstateId { get; private set; }

    public TimeOnly SignInBy { get; private set; }

    public TimeOnly MeetingFrom { get; private set; }

    public TimeOnly MeetingUntil { get; private set; }

    public TimeOnly HandoverFrom { get; private set; }

    public TimeOnly HandoverUntil { get; private set; }

    public TimeOnly WinterSignOutAfter { get; private set; }

    public TimeOnly SummerSignOutAfter { get; private set; }

    /// <summary>The months (1-12) on the summer timetable.</summary>
    public int[] SummerMonths { get; private set; } = [];

    public DateTimeOffset? ChangedAt { get; private set; }

    public string? ChangedBy { get; private set; }

    /// <summary>The group's standard: May to September on the summer timetable.</summary>
    public static AttendanceSettings Defaults(Guid estateId) => new()
    {
        EstateId = estateId,
        SignInBy = new(8, 20),
        MeetingFrom = new(8, 20),
        MeetingUntil = new(8, 30),
        HandoverFrom = new(8, 30),
        HandoverUntil = new(8, 40),
        WinterSignOutAfter = new(17, 30),
        SummerSignOutAfter = new(18, 0),
        SummerMonths = [5, 6, 7, 8, 9],
    };

    public void Change(
        TimeOnly signInBy, TimeOnly meetingFrom, TimeOnly meetingUntil, TimeOnly handoverFrom, TimeOnly handoverUntil,
        TimeOnly winterSignOutAfter, TimeOnly summerSignOutAfter, int[] summerMonths, string changedBy, DateTimeOffset now)
    {
        SignInBy = signInBy;
        MeetingFrom = meetingFrom;
        MeetingUntil = meetingUntil;
        HandoverFrom = handoverFrom;
        HandoverUntil = handoverUntil;
        WinterSignOutAfter = winterSignOutAfter;
        SummerSignOutAfter = summerSignOutAfter;
        SummerMonths = summerMonths;
        ChangedBy = changedBy;
        ChangedAt = now;
    }

    public bool IsSummer(DateOnly day) => SummerMonths.Contains(day.Month);

    /// <summary>The earliest sign-out of the office day <paramref name="day"/>: the summer or winter time.</summary>
    public TimeOnly SignOutAfter(DateOnly day) => IsSummer(day) ? SummerSignOutAfter : WinterSignOutAfter;
}
