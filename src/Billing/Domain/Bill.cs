using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// What a unit owes for one fee item and period (a month, quarter or year), as a posted run issued it. Never edited: a correction is a new entry
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

    /// <summary>The first day of the billed period.</summary>
    public DateOnly Period { get; private set; }

    /// <summary>The last day of the billed period.</summary>
    public DateOnly PeriodEnd { get; private set; }

    public FeeItem FeeItem { get; private set; }

    public decimal Total { get; private set; }

    public string Currency { get; private set; } = "";

    public DateOnly DueOn { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public List<BillLine> Lines { get; private set; } = [];

    public static Bill Issue(BillingRun run, Guid unitId, IReadOnlyList<ComputedLine> lines, DateOnly dueOn, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = run.EstateId,
        RunId = run.Id,
        UnitId = unitId,
        Period = run.Period,
        PeriodEnd = run.PeriodEnd,
        FeeItem = run.FeeItem,
        Currency = run.Currency,
        Total = lines.Sum(l => l.Amount),
        DueOn = dueOn,
        IssuedAt = now,
        Lines = [.. lines.Select(l => new BillLine(l.RateId, l.Rate, l.Quantity, l.Days, l.DaysInPeriod, l.Amount, l.Explanation))],
    };
}

/// <summary>One rate version's share of a bill, with what it was computed from, so the owner can follow it.</summary>
public sealed record BillLine(Guid RateId, decimal Rate, decimal Quantity, int Days, int DaysInPeriod, decimal Amount, string Explanation);
