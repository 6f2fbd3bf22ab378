using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>The dunning ladder, in the order its steps must be taken (domain.md, Billing: Arrears).</summary>
public enum DunningStep
{
    Reminder = 1,
    ButlerVisit = 2,
    FormalNotice = 3,
    LegalAction = 4,
}

/// <summary>Why an owner is in arrears, as staff (or the butler at a dunning visit) recorded it.</summary>
public enum ArrearsReason
{
    Dispute,
    Hardship,
    Vacancy,
    Other,
}

/// <summary>
/// The arrears of one unit, from the first dunning step or reason recorded until what was overdue is paid: the ladder's
/// steps taken (in order, each once, with who and when) and the reasons given. Steps and reasons are appended, never
/// changed; a visit's outcome is filled in once, when reception reports it.
/// </summary>
public sealed class ArrearsCase : IEstateOwned
{
    private ArrearsCase()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The highest step taken so far; null before the reminder.</summary>
    public DunningStep? Step { get; private set; }

    public List<DunningAction> Actions { get; private set; } = [];

    public List<ArrearsReasonEntry> Reasons { get; private set; } = [];

    /// <summary>The step that may be taken next; null once legal action is under way.</summary>
    public DunningStep? NextStep => Step switch
    {
        null => DunningStep.Reminder,
        DunningStep.LegalAction => null,
        { } step => step + 1,
    };

    public ArrearsReasonEntry? CurrentReason => Reasons.MaxBy(r => r.RecordedAt);

    public static ArrearsCase Open(Guid estateId, Guid unitId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), EstateId = estateId, UnitId = unitId, OpenedAt = now };

    /// <summary>Takes <paramref name="step"/>; returns null when it is not the next one (steps go in order, each once).</summary>
    public DunningAction? Take(DunningStep step, string? channel, decimal overdue, string currency, string? note, string by, DateTimeOffset now)
    {
        if (step != NextStep)
        {
            return null;
        }

        var action = new DunningAction
        {
            Id = Guid.CreateVersion7(now), EstateId = EstateId, CaseId = Id, Step = step, Channel = channel, OverdueAmount = overdue, Currency = currency,
            Note = note, RecordedBy = by, RecordedAt = now,
        };
        Actions.Add(action);
        Step = step;
        return action;
    }

    public ArrearsReasonEntry Record(ArrearsReason reason, string? note, string source, string by, DateTimeOffset now)
    {
        var entry = new ArrearsReasonEntry
        {
            Id = Guid.CreateVersion7(now), EstateId = EstateId, CaseId = Id, Reason = reason, Note = note, Source = source, RecordedBy = by, RecordedAt = now,
        };
        Reasons.Add(entry);
        return entry;
    }

    /// <summary>Nothing overdue is left: the next arrears of the unit start a new case, from the reminder.</summary>
    public void Close(DateTimeOffset now) => ClosedAt ??= now;
}

/// <summary>One step of the ladder as taken: by whom, when, for how much overdue; a butler visit gets its outcome from reception.</summary>
public sealed class DunningAction : IEstateOwned
{
    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public Guid CaseId { get; init; }

    public DunningStep Step { get; init; }

    /// <summary>For the reminder: <c>sms</c> or <c>phone</c>.</summary>
    public string? Channel { get; init; }

    public decimal OverdueAmount { get; init; }

    public string Currency { get; init; } = "";

    public string? Note { get; init; }

    public string RecordedBy { get; init; } = "";

    public DateTimeOffset RecordedAt { get; init; }

    public Guid? VisitId { get; private set; }

    /// <summary>Reception's outcome of the butler visit: <c>Visited</c>, <c>OwnerAbsent</c> or <c>Declined</c>.</summary>
    public string? Outcome { get; private set; }

    public DateTimeOffset? VisitedAt { get; private set; }

    /// <summary>Records the visit's outcome once; returns false when an outcome is already recorded.</summary>
    public bool RecordOutcome(Guid visitId, string outcome, DateTimeOffset visitedAt)
    {
        if (Outcome is not null)
        {
            return false;
        }

        (VisitId, Outcome, VisitedAt) = (visitId, outcome, visitedAt);
        return true;
    }
}

/// <summary>A reason given for the arrears; the latest is the case's reason, earlier ones stay as history.</summary>
public sealed class ArrearsReasonEntry : IEstateOwned
{
    public const string StaffSource = "staff";

    public const string VisitSource = "butler-visit";

    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public Guid CaseId { get; init; }

    public ArrearsReason Reason { get; init; }

    public string? Note { get; init; }

    public string Source { get; init; } = StaffSource;

    public string RecordedBy { get; init; } = "";

    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// Aging of overdue money by estate-local days past due: an item due on day D is 1 day past due on D+1. Buckets are
/// 0–30, 31–90, 91–180 and more than 180 days (domain.md, Billing: Reports).
/// </summary>
public static class Aging
{
    public const string UpTo30 = "0-30";
    public const string UpTo90 = "31-90";
    public const string UpTo180 = "91-180";
    public const string Over180 = ">180";

    public static readonly IReadOnlyList<string> Buckets = [UpTo30, UpTo90, UpTo180, Over180];

    public static int DaysPastDue(DateOnly dueOn, DateOnly asOf) => asOf.DayNumber - dueOn.DayNumber;

    public static string Bucket(int daysPastDue) => daysPastDue switch
    {
        <= 30 => UpTo30,
        <= 90 => UpTo90,
        <= 180 => UpTo180,
        _ => Over180,
    };
}
