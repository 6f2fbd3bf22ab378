using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// One version of an estate's price for a fee item, in force from <see cref="EffectiveFrom"/> (an estate-local day)
/// until the next approved version starts. A version is proposed, then approved; once approved it never changes: a new
/// price is a new version. Bills copy the price they used, so a later version never rewrites a past bill.
/// </summary>
public sealed class Rate : IEstateOwned
{
    private Rate()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public FeeItem FeeItem { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public DateOnly EffectiveFrom { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    public string ProposedBy { get; private set; } = "";

    public DateTimeOffset? ApprovedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public bool IsApproved => ApprovedAt is not null;

    public static Rate Propose(Guid estateId, FeeItem feeItem, decimal amount, string currency, DateOnly effectiveFrom, string proposedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        FeeItem = feeItem,
        Amount = amount,
        Currency = currency,
        EffectiveFrom = effectiveFrom,
        ProposedAt = now,
        ProposedBy = proposedBy,
    };

    /// <summary>Approves the proposal; returns false when it already was.</summary>
    public bool Approve(string approvedBy, DateTimeOffset now)
    {
        if (IsApproved)
        {
            return false;
        }

        ApprovedAt = now;
        ApprovedBy = approvedBy;
        return true;
    }
}
