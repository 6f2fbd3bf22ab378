using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Domain;

public enum CheckFrequency
{
    Daily,
    Weekly,
    Monthly,
}

/// <summary>The staff who get daily, weekly and monthly checks, and the supervisors who check them.</summary>
public enum CheckArea
{
    Maintenance,
    Security,
    Cleaning,
}

/// <summary>
/// A supervisor's daily, weekly or monthly check of a maintenance, security or cleaning staff member: a score of 1 to 5
/// (like written assessments) and notes. One check per person, frequency and period: the day, the week starting on a
/// Monday, or the month that <see cref="Day"/> falls in.
/// </summary>
public sealed class StaffCheck : IEstateOwned
{
    /// <summary>A score this low is a failed check, and the notes must say what was wrong.</summary>
    public const int FailingScore = 2;

    private StaffCheck()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public CheckArea Area { get; private set; }

    public CheckFrequency Frequency { get; private set; }

    /// <summary>The estate-local day the check was made.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>The first day of the period the check covers (the day, its week's Monday, or its month's first day).</summary>
    public DateOnly PeriodStart { get; private set; }

    public int Score { get; private set; }

    public string Notes { get; private set; } = "";

    public string CheckedBy { get; private set; } = "";

    public string CheckerName { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public bool Failed => Score <= FailingScore;

    public static StaffCheck Record(
        Guid estateId, Guid staffId, CheckArea area, CheckFrequency frequency, DateOnly day, int score, string notes, string checkedBy, string checkerName,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        StaffId = staffId,
        Area = area,
        Frequency = frequency,
        Day = day,
        PeriodStart = PeriodOf(frequency, day),
        Score = score,
        Notes = notes,
        CheckedBy = checkedBy,
        CheckerName = checkerName,
        RecordedAt = now,
    };

    public static DateOnly PeriodOf(CheckFrequency frequency, DateOnly day) => frequency switch
    {
        CheckFrequency.Daily => day,
        CheckFrequency.Weekly => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    /// <summary>
    /// The area a person's checks belong to, read from their department (or position when they have none), compared
    /// loosely because both are typed in by HR: "Maintenance", "security guard", "cleaning"... A person with trades and
    /// no such word is a technician, so maintenance. Null: not staff these checks are for (front desk, cashiers...).
    /// </summary>
    public static CheckArea? AreaOf(StaffMember staff)
    {
        var said = $"{staff.Department} {staff.Position}";
        if (said.Contains("maint", StringComparison.OrdinalIgnoreCase))
        {
            return CheckArea.Maintenance;
        }

        if (said.Contains("secur", StringComparison.OrdinalIgnoreCase) || said.Contains("guard", StringComparison.OrdinalIgnoreCase))
        {
            return CheckArea.Security;
        }

        if (said.Contains("clean", StringComparison.OrdinalIgnoreCase))
        {
            return CheckArea.Cleaning;
        }

        return staff.Trades.Length > 0 ? CheckArea.Maintenance : null;
    }

    /// <summary>
    /// Who checks an area: its supervisor, and the estate manager for any. Cleaning has no supervisor role of its own;
    /// it sits with customer service (环境/客服), so the CS supervisor checks it.
    /// </summary>
    public static string[] CheckersOf(CheckArea area) => area switch
    {
        CheckArea.Maintenance => [PlatformRoles.MaintenanceSupervisor, PlatformRoles.EstateManager],
        CheckArea.Security => [PlatformRoles.SecuritySupervisor, PlatformRoles.EstateManager],
        _ => [PlatformRoles.CustomerServiceSupervisor, PlatformRoles.EstateManager],
    };
}

/// <summary>
/// How the appraisal combines a period's checks into one 1–5 score, next to the written assessments' average (the
/// same scale): the average of each frequency, weighted daily 20 %, weekly 30 %, monthly 50 %. A daily check is a quick
/// look at one day's work and there are many, so each counts little and together they only steady the picture; the
/// monthly check is the supervisor's considered review of the whole month, so it weighs most. When a frequency has no
/// check in the period, the others share its weight (a quarter's appraisal has three monthly checks, a month's one).
/// </summary>
public static class CheckWeights
{
    public const decimal Daily = 0.2m;
    public const decimal Weekly = 0.3m;
    public const decimal Monthly = 0.5m;

    public static decimal Of(CheckFrequency frequency) => frequency switch
    {
        CheckFrequency.Daily => Daily,
        CheckFrequency.Weekly => Weekly,
        _ => Monthly,
    };

    /// <summary>The weighted score of <paramref name="checks"/>, rounded to two places; null with none.</summary>
    public static decimal? Combined(IEnumerable<StaffCheck> checks)
    {
        var averages = checks.GroupBy(c => c.Frequency)
            .Select(g => (Weight: Of(g.Key), Average: (decimal)g.Sum(c => c.Score) / g.Count()))
            .ToList();
        if (averages.Count == 0)
        {
            return null;
        }

        return Math.Round(averages.Sum(a => a.Weight * a.Average) / averages.Sum(a => a.Weight), 2);
    }
}
