using System.Globalization;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

public enum PaymentMethod
{
    Cash,
    Card,
    Online,
    DirectDebit,
}

public static class PaymentMethods
{
    /// <summary>The method as the API and events name it: cash, card, online, direct-debit.</summary>
    public static string Name(PaymentMethod method) => method == PaymentMethod.DirectDebit ? "direct-debit" : method.ToString().ToLowerInvariant();
}

/// <summary>
/// Money received for a unit, with its receipt. <see cref="IdempotencyKey"/> (the client's <c>Idempotency-Key</c>)
/// and the fingerprint of the request make a retried or double-clicked payment find this one instead of paying twice.
/// </summary>
public sealed class Payment : IEstateOwned
{
    private Payment()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public PaymentMethod Method { get; private set; }

    /// <summary>What was left after settling open items: the unit's credit.</summary>
    public decimal Unallocated { get; private set; }

    public string IdempotencyKey { get; private set; } = "";

    public string RequestFingerprint { get; private set; } = "";

    public int ReceiptYear { get; private set; }

    public long ReceiptSequence { get; private set; }

    public string ReceiptNumber { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }

    public string ReceivedBy { get; private set; } = "";

    public static Payment Receive(
        Guid estateId, Guid unitId, decimal amount, string currency, PaymentMethod method, decimal unallocated, string idempotencyKey, string fingerprint,
        int receiptYear, long receiptSequence, string receivedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        UnitId = unitId,
        Amount = amount,
        Currency = currency,
        Method = method,
        Unallocated = unallocated,
        IdempotencyKey = idempotencyKey,
        RequestFingerprint = fingerprint,
        ReceiptYear = receiptYear,
        ReceiptSequence = receiptSequence,
        ReceiptNumber = ReceiptNumbers.Format(receiptYear, receiptSequence),
        ReceivedAt = now,
        ReceivedBy = receivedBy,
    };
}

/// <summary>
/// Receipts are numbered per estate and estate-local year, 1, 2, 3... without gaps: the counter is taken in the
/// payment's own transaction, so a payment that fails gives its number back with everything else.
/// </summary>
public sealed class ReceiptCounter : IEstateOwned
{
    public Guid EstateId { get; init; }

    public int Year { get; init; }

    public long LastNumber { get; init; }
}

public static class ReceiptNumbers
{
    public static string Format(int year, long sequence) => string.Create(CultureInfo.InvariantCulture, $"R{year}-{sequence:D6}");
}
