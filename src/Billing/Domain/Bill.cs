using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// What a unit owes for one fee item and month, as a posted run issued it. Never edited: a correction is a new entry
/// that points at this bill. Its total is the sum of its rounded lines.
/// </summary>
public sealed class Bill : IEstateOwned
{
    private Bill()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid RunId { get; private set; }

    public Guid UnitId { get; private set; }

    public DateOnly Period { get; private set; }

    public FeeItem FeeItem { get; private set; }

    public decimal Total { get; private set; }

    public string Currency { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public List<BillLine> Lines { get; private set; } = [];

    public static Bill Issue(BillingRun run, Guid unitId, IReadOnlyList<ComputedLine> lines, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = run.EstateId,
        RunId = run.Id,
        UnitId = unitId,
        Period = run.Period,
        FeeItem = run.FeeItem,
        Currency = run.Currency,
        Total = lines.Sum(l => l.Amount),
        DueOn = DueDate(run.Period),
        IssuedAt = now,
        Lines = [.. lines.Select(l => new BillLine(l.RateId, l.Rate, l.Quantity, l.Days, l.DaysInPeriod, l.Amount, l.Explanation))],
    };

    /// <summary>A month's bill is due by the end of that month (fees are billed for the month under way).</summary>
    public static DateOnly DueDate(DateOnly period) => period.AddMonths(1).AddDays(-1);
}

/// <summary>One rate version's share of a bill, with what it was computed from, so the owner can follow it.</summary>
public sealed record BillLine(Guid RateId, decimal Rate, decimal Quantity, int Days, int DaysInPeriod, decimal Amount, string Explanation);
