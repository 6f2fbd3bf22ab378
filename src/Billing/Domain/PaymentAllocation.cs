namespace PropertyPlatform.Billing.Domain;

/// <summary>An open item and what is still owed on it.</summary>
public sealed record OpenItem(Guid ReceivableId, DateOnly DueOn, DateTimeOffset BookedAt, decimal Outstanding);

/// <summary>
/// Spreads a payment over open items: first the items the payer named, in their order; then the oldest open items
/// (earliest due, then earliest booked). What is left over stays on the payment as credit.
/// </summary>
public static class PaymentAllocation
{
    public static (IReadOnlyList<(Guid ReceivableId, decimal Amount)> Allocations, decimal Credit) Allocate(
        decimal amount, IReadOnlyList<OpenItem> open, IReadOnlyList<Guid> stated)
    {
        var order = stated.Select(id => open.Single(o => o.ReceivableId == id))
            .Concat(open.Where(o => !stated.Contains(o.ReceivableId)).OrderBy(o => o.DueOn).ThenBy(o => o.BookedAt).ThenBy(o => o.ReceivableId));
        var left = amount;
        var allocations = new List<(Guid, decimal)>();
        foreach (var item in order)
        {
            if (left == 0m)
            {
                break;
            }

            var share = Math.Min(left, item.Outstanding);
            if (share > 0m)
            {
                allocations.Add((item.ReceivableId, share));
                left -= share;
            }
        }

        return (allocations, left);
    }
}
