using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>What an adjustment does to an open item: each lowers what is still owed on it, for a different reason.</summary>
public enum AdjustmentKind
{
    /// <summary>A credit note: the item was billed too high (a wrong area, a wrong rate, a charge that should not have been raised).</summary>
    Correction,

    /// <summary>A price reduction granted on the item.</summary>
    Discount,

    /// <summary>The estate gives up collecting the amount: it leaves arrears and dunning, and is not collected.</summary>
    WriteOff,
}

public static class AdjustmentKinds
{
    /// <summary>The kind as the API and events name it: correction, discount, write-off.</summary>
    public static string Name(AdjustmentKind kind) => kind == AdjustmentKind.WriteOff ? "write-off" : kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out AdjustmentKind kind)
    {
        foreach (var candidate in Enum.GetValues<AdjustmentKind>())
        {
            if (string.Equals(Name(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>
/// A correction, discount or write-off of an open item: a new entry that points at the item it corrects (and at its bill,
/// when a billing run issued it), with who decided it, when and why. The item itself is never edited: what is still owed
/// on it is its amount less its allocations and its adjustments.
/// </summary>
public sealed class Adjustment : IEstateOwned
{
    private Adjustment()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid ReceivableId { get; private set; }

    /// <summary>The bill the item stands for; null for a charge another service raised.</summary>
    public Guid? BillId { get; private set; }

    public AdjustmentKind Kind { get; private set; }

    /// <summary>By how much the item's outstanding amount goes down: more than 0, at most what was outstanding.</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static Adjustment Record(Receivable item, AdjustmentKind kind, decimal amount, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = item.EstateId,
        UnitId = item.UnitId,
        ReceivableId = item.Id,
        BillId = item.Source == Receivable.BillingSource ? item.SourceId : null,
        Kind = kind,
        Amount = amount,
        Currency = item.Currency,
        Reason = reason,
        RecordedBy = by,
        RecordedAt = now,
    };
}
