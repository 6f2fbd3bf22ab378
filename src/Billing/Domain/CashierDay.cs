using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// One cashier's estate-local day of cash: opened by their first cash payment of the day, which starts the deposit
/// deadline (<see cref="CashierDeadlines.DepositBy1700"/>); met when the deposits recorded cover the cash taken.
/// Deposits are appended, never changed; the handover to finance is recorded once, with the explanation of any
/// difference between the cash taken and the cash deposited.
/// </summary>
public sealed class CashierDay : IEstateOwned
{
    private CashierDay()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The cashier's account (the <c>receivedBy</c> of their payments).</summary>
    public string Cashier { get; private set; } = "";

    public DateOnly Day { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public SlaClock Deposit { get; private set; } = null!;

    public List<CashDeposit> Deposits { get; private set; } = [];

    public DateTimeOffset? HandedOverAt { get; private set; }

    public string? HandedOverBy { get; private set; }

    /// <summary>Cash taken less cash deposited at the handover: the discrepancy that had to be explained (0 when none).</summary>
    public decimal? HandoverDifference { get; private set; }

    public string? HandoverExplanation { get; private set; }

    public uint Version { get; private set; }

    public static CashierDay Open(Guid estateId, string cashier, DateOnly day, EstateCalendar calendar, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Cashier = cashier,
        Day = day,
        OpenedAt = at,
        Deposit = SlaClock.Start(CashierDeadlines.DepositBy1700, calendar, at, Guid.TryParse(cashier, out var id) ? id : null),
    };

    public CashDeposit RecordDeposit(decimal amount, string currency, string bankSlipRef, string by, decimal cashTaken, DateTimeOffset now)
    {
        var deposit = new CashDeposit
        {
            Id = Guid.CreateVersion7(now), EstateId = EstateId, CashierDayId = Id, Amount = amount, Currency = currency, BankSlipRef = bankSlipRef,
            RecordedBy = by, DepositedAt = now,
        };
        Deposits.Add(deposit);
        if (Deposits.Sum(d => d.Amount) >= cashTaken)
        {
            Deposit.Complete(now);
        }

        return deposit;
    }

    /// <summary>Meets the deposit deadline when the deposits cover <paramref name="cashTaken"/> (after a cash refund lowered it).</summary>
    public void SettleIfDeposited(decimal cashTaken, DateTimeOffset now)
    {
        if (Deposit.CompletedAt is null && Deposits.Sum(d => d.Amount) >= cashTaken)
        {
            Deposit.Complete(now);
        }
    }

    /// <summary>
    /// More cash was taken (<paramref name="cashTaken"/> is the day's cash with it): when the deposits no longer cover it,
    /// the deposit deadline met earlier runs again, so the later cash must be deposited too (by 17:00, or by the next
    /// 17:00 when it came after that).
    /// </summary>
    public void CashTaken(decimal cashTaken, EstateCalendar calendar, DateTimeOffset now)
    {
        if (Deposit.CompletedAt is not null && Deposits.Sum(d => d.Amount) < cashTaken)
        {
            Deposit.Reopen(CashierDeadlines.DepositBy1700, calendar, now);
        }
    }

    /// <summary>Records the handover; returns false when the day was already handed over.</summary>
    public bool HandOver(string by, decimal difference, string? explanation, DateTimeOffset now)
    {
        if (HandedOverAt is not null)
        {
            return false;
        }

        (HandedOverAt, HandedOverBy, HandoverDifference, HandoverExplanation) = (now, by, difference, explanation);
        return true;
    }
}

/// <summary>Cash taken to the bank: the amount and the bank's slip reference, as recorded by whom and when.</summary>
public sealed class CashDeposit : IEstateOwned
{
    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public Guid CashierDayId { get; init; }

    public decimal Amount { get; init; }

    public string Currency { get; init; } = "";

    public string BankSlipRef { get; init; } = "";

    public string RecordedBy { get; init; } = "";

    public DateTimeOffset DepositedAt { get; init; }
}

/// <summary>Billing's deadlines on the SLA engine.</summary>
public static class CashierDeadlines
{
    public const string DepositPolicy = "cash-deposit-by-1700";

    /// <summary>The day's cash is deposited by 17:00 estate time (domain.md, Billing); a late or missing deposit is a breach for the estate manager.</summary>
    public static readonly SlaPolicy DepositBy1700 = SlaPolicy.ByLocalTimeOfDay(
        DepositPolicy, new TimeOnly(17, 0), TimeSpan.FromHours(1), [new EscalationStep(TimeSpan.Zero, PlatformRoles.EstateManager)]);
}
