using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

public enum BillingRunStatus
{
    /// <summary>Asked for; the worker posts it (again after a crash: nothing of an unfinished run was kept).</summary>
    Running,

    Posted,

    /// <summary>Stopped by an error; nothing was billed. Posting it again retries.</summary>
    Failed,
}

/// <summary>
/// The billing of one estate, period (a month, quarter or year) and fee item: at most one per key, ever, and no two
/// posted or running runs of an estate and fee item overlap (<c>RunsApi</c> checks it under a lock). The bills it issues are written in one
/// transaction with its move to <see cref="BillingRunStatus.Posted"/>, so an estate is never half billed; progress
/// (<see cref="UnitsDone"/> of <see cref="UnitsTotal"/>) is written beside that transaction, so it is seen while the run works.
/// </summary>
public sealed class BillingRun : IEstateOwned
{
    private BillingRun()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The first day of the billed period.</summary>
    public DateOnly Period { get; private set; }

    /// <summary>The last day of the billed period.</summary>
    public DateOnly PeriodEnd { get; private set; }

    public BillingPeriod BilledPeriod => new(Period, PeriodEnd);

    public FeeItem FeeItem { get; private set; }

    public string Currency { get; private set; } = "";

    public BillingRunStatus Status { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string StartedBy { get; private set; } = "";

    /// <summary>The request that asked for the run: the bills' events carry it.</summary>
    public Guid CorrelationId { get; private set; }

    public int Attempts { get; private set; }

    public int UnitsTotal { get; set; }

    public int UnitsDone { get; set; }

    public int BillCount { get; private set; }

    public decimal Total { get; private set; }

    public DateTimeOffset? PostedAt { get; private set; }

    /// <summary>When its bills fall due: the estate-local posting day plus the estate's payment term then.</summary>
    public DateOnly? DueOn { get; private set; }

    public string? LastError { get; private set; }

    public static BillingRun Start(Guid estateId, BillingPeriod period, FeeItem feeItem, string currency, string startedBy, Guid correlationId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        Period = period.First,
        PeriodEnd = period.Last,
        FeeItem = feeItem,
        Currency = currency,
        Status = BillingRunStatus.Running,
        StartedAt = now,
        StartedBy = startedBy,
        CorrelationId = correlationId,
    };

    /// <summary>A failed run asked for again; returns whether it goes back to the worker (a running or posted one does not).</summary>
    public bool Retry()
    {
        if (Status != BillingRunStatus.Failed)
        {
            return false;
        }

        Status = BillingRunStatus.Running;
        LastError = null;
        return true;
    }

    public void Posted(int billCount, decimal total, DateOnly dueOn, DateTimeOffset now)
    {
        DueOn = dueOn;
        Status = BillingRunStatus.Posted;
        BillCount = billCount;
        Total = total;
        PostedAt = now;
        UnitsDone = UnitsTotal;
        Attempts++;
    }

    public void Failed(string error)
    {
        Status = BillingRunStatus.Failed;
        LastError = error.Length > 2000 ? error[..2000] : error;
        UnitsDone = 0;
        Attempts++;
    }
}
