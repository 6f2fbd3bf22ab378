using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Domain;

public enum StocktakeStatus
{
    Counting,
    Posted,
}

/// <summary>The store's monthly deadline: the stocktake posted by the end of the 24th, estate-local.</summary>
public static class StocktakeDeadline
{
    public const int DayOfMonth = 24;

    public static readonly SlaPolicy Policy = SlaPolicy.ByDayOfMonth(
        "stocktake-by-24th", DayOfMonth, TimeSpan.FromDays(3), SlaPolicy.SupervisorThenManager(PlatformRoles.MaintenanceSupervisor, TimeSpan.FromDays(2)));
}

/// <summary>One part counted: the physical count and, when it differs from the book, why.</summary>
public sealed class StocktakeLine
{
    private StocktakeLine()
    {
    }

    public Guid PartId { get; private set; }

    public decimal Counted { get; private set; }

    public string? Explanation { get; private set; }

    public DateTimeOffset CountedAt { get; private set; }

    public string CountedBy { get; private set; } = "";

    /// <summary>The book when the stocktake was posted (null before): the variance is <see cref="Counted"/> minus this.</summary>
    public decimal? BookAtPosting { get; private set; }

    internal static StocktakeLine New(Guid partId) => new() { PartId = partId };

    internal void Count(decimal counted, string? explanation, Actor by, DateTimeOffset at)
    {
        Counted = counted;
        Explanation = explanation;
        CountedAt = at;
        CountedBy = by.Subject;
    }

    internal void Posted(decimal book) => BookAtPosting = book;
}

/// <summary>
/// The monthly stocktake of an estate's store, one per estate-local month: every part counted, each variance from the
/// book explained, then posted, which makes the book equal to the count (adjustment entries). It must be posted by
/// the 24th (<see cref="StocktakeDeadline"/>); later is a breach on the SLA engine.
/// </summary>
public sealed class Stocktake : IEstateOwned
{
    private readonly List<StocktakeLine> _lines = [];

    private Stocktake()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The first day of the estate-local month counted.</summary>
    public DateOnly Month { get; private set; }

    public StocktakeStatus Status { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public string OpenedBy { get; private set; } = "";

    public DateTimeOffset? PostedAt { get; private set; }

    public string? PostedBy { get; private set; }

    /// <summary>Posted by the 24th.</summary>
    public SlaClock Deadline { get; private set; } = null!;

    public IReadOnlyList<StocktakeLine> Lines => _lines;

    public uint Version { get; private set; }

    /// <summary>The month's stocktake; its deadline counts from the start of the month, whenever it is opened.</summary>
    public static Stocktake Open(Guid estateId, DateOnly month, EstateCalendar calendar, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Month = month,
        Status = StocktakeStatus.Counting,
        OpenedAt = at,
        OpenedBy = by.Subject,
        Deadline = SlaClock.Start(StocktakeDeadline.Policy, calendar, calendar.LocalMonth(month).From),
    };

    /// <summary>Records (or re-counts) one part.</summary>
    public void Count(Guid partId, decimal counted, string? explanation, Actor by, DateTimeOffset at)
    {
        EnsureCounting("be counted");
        var line = _lines.SingleOrDefault(l => l.PartId == partId);
        if (line is null)
        {
            line = StocktakeLine.New(partId);
            _lines.Add(line);
        }

        line.Count(counted, explanation, by, at);
    }

    /// <summary>
    /// Posts the count: every part of the store counted and every variance from the book explained, or nothing happens (409).
    /// Returns the adjustment entries that make the book equal to the count.
    /// </summary>
    public IReadOnlyList<StockMovement> Post(IReadOnlyList<SparePart> parts, Actor by, DateTimeOffset at)
    {
        EnsureCounting("be posted");
        var uncounted = parts.Where(p => _lines.All(l => l.PartId != p.Id)).Select(p => p.Code).ToList();
        if (uncounted.Count > 0)
        {
            throw new ConflictException($"Every part must be counted before posting; not counted: {string.Join(", ", uncounted)}.");
        }

        var unexplained = parts.Where(p => _lines.Single(l => l.PartId == p.Id) is var line && line.Counted != p.OnHand && line.Explanation is null)
            .Select(p => p.Code).ToList();
        if (unexplained.Count > 0)
        {
            throw new ConflictException($"Every variance from the book needs an explanation before posting; unexplained: {string.Join(", ", unexplained)}.");
        }

        var adjustments = new List<StockMovement>();
        foreach (var part in parts)
        {
            var line = _lines.Single(l => l.PartId == part.Id);
            line.Posted(part.OnHand);
            if (part.AdjustToCount(Id, line.Counted, line.Explanation, by, at) is { } adjustment)
            {
                adjustments.Add(adjustment);
            }
        }

        Status = StocktakeStatus.Posted;
        PostedAt = at;
        PostedBy = by.Subject;
        Deadline.Complete(at);
        return adjustments;
    }

    private void EnsureCounting(string step)
    {
        if (Status != StocktakeStatus.Counting)
        {
            throw new ConflictException($"The stocktake was posted at {PostedAt:O}; it can no longer {step}.");
        }
    }
}
