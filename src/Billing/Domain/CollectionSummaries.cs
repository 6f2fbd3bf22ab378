using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// An estate's monthly collection summary for the manager and finance, due by the 26th of the month (estate-local, on the
/// SLA engine): opened by the month's first collection, submitted once with the figures as they stood then.
/// </summary>
public sealed class MonthlyCollectionSummary : IEstateOwned
{
    private MonthlyCollectionSummary()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The first day of the month summarized.</summary>
    public DateOnly Month { get; private set; }

    public SlaClock Due { get; private set; } = null!;

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public decimal? AmountDue { get; private set; }

    public decimal? Collected { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The month's summary, its clock counted from the month's first estate-local day, so it is due on that month's 26th.</summary>
    public static MonthlyCollectionSummary Open(Guid estateId, DateOnly month, EstateCalendar calendar, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        Month = month,
        Due = SlaClock.Start(CollectionDeadlines.MonthlyBy26th, calendar, calendar.ToInstant(month, TimeOnly.MinValue)),
    };

    public bool Submit(decimal amountDue, decimal collected, string by, DateTimeOffset now)
    {
        if (SubmittedAt is not null)
        {
            return false;
        }

        (AmountDue, Collected, SubmittedBy, SubmittedAt) = (amountDue, collected, by, now);
        Due.Complete(now);
        return true;
    }
}

/// <summary>An estate's weekly collection summary (Monday to Sunday, estate-local), submitted once with its figures.</summary>
public sealed class WeeklyCollectionSummary : IEstateOwned
{
    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    /// <summary>The Monday the week starts on.</summary>
    public DateOnly Week { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public string SubmittedBy { get; init; } = "";

    public decimal AmountDue { get; init; }

    public decimal Collected { get; init; }
}

public static class CollectionDeadlines
{
    public const string MonthlyPolicy = "monthly-collection-summary-by-26th";

    /// <summary>The monthly collection summary by the 26th (domain.md, Billing: Reports): a breach is the estate manager's.</summary>
    public static readonly SlaPolicy MonthlyBy26th = SlaPolicy.ByDayOfMonth(
        MonthlyPolicy, 26, TimeSpan.FromDays(2), [new EscalationStep(TimeSpan.Zero, PlatformRoles.EstateManager)]);
}
