using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// A key the front desk keeps: a unit's key left by its owner (<see cref="UnitId"/>) or a common area's
/// (<see cref="Area"/>: plant room, roof, pump house). It is either in the office or out on one <see cref="KeyLoan"/>;
/// every loan stays on record, nothing is deleted.
/// </summary>
public sealed class CustodyKey : IEstateOwned
{
    private CustodyKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>What is written on the tag, e.g. <c>B1 plant room (2 of 3)</c>.</summary>
    public string Label { get; private set; } = "";

    /// <summary>The unit the key opens; null for a common-area key.</summary>
    public Guid? UnitId { get; private set; }

    /// <summary>The common area the key opens; null for a unit key.</summary>
    public string? Area { get; private set; }

    /// <summary>The loan the key is out on; null while it is in the office.</summary>
    public Guid? CurrentLoanId { get; private set; }

    public bool IsOut => CurrentLoanId is not null;

    public string RegisteredBy { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>A key of a unit or of a common area: exactly one of the two.</summary>
    public static CustodyKey Register(Guid estateId, string label, Guid? unitId, string? area, string registeredBy, DateTimeOffset at)
    {
        if ((unitId is null) == string.IsNullOrWhiteSpace(area))
        {
            throw new ArgumentException("A key opens either a unit or a common area.", nameof(area));
        }

        return new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            Label = label.Trim(),
            UnitId = unitId,
            Area = area?.Trim(),
            RegisteredBy = registeredBy,
            RegisteredAt = at,
        };
    }

    /// <summary>Hands the key to <paramref name="issuedTo"/>; null when it is already out (it cannot be issued twice).</summary>
    public KeyLoan? Issue(string issuedTo, string purpose, DateTimeOffset expectedReturnAt, string issuedBy, DateTimeOffset at)
    {
        if (IsOut)
        {
            return null;
        }

        if (expectedReturnAt <= at)
        {
            throw new ArgumentException("The key must be expected back after it is issued.", nameof(expectedReturnAt));
        }

        var loan = KeyLoan.Start(this, issuedTo.Trim(), purpose.Trim(), expectedReturnAt, issuedBy, at);
        CurrentLoanId = loan.Id;
        return loan;
    }

    /// <summary>Takes the key back from its current <paramref name="loan"/>; false when the key was not out on it.</summary>
    public bool Return(KeyLoan loan, string receivedBy, string? note, DateTimeOffset at)
    {
        if (CurrentLoanId is null || loan.Id != CurrentLoanId || loan.ReturnedAt is not null)
        {
            return false;
        }

        loan.Close(receivedBy, note, at);
        CurrentLoanId = null;
        return true;
    }
}

/// <summary>One time a key left the office: to whom, why, until when, and when it came back.</summary>
public sealed class KeyLoan : IEstateOwned
{
    private KeyLoan()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid KeyId { get; private set; }

    /// <summary>The key's label when it was issued, so lists of loans need no second look-up.</summary>
    public string KeyLabel { get; private set; } = "";

    /// <summary>The named person holding the key (a contractor, a resident, a technician).</summary>
    public string IssuedTo { get; private set; } = "";

    public string Purpose { get; private set; } = "";

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpectedReturnAt { get; private set; }

    /// <summary>The account (token subject) that handed the key out.</summary>
    public string IssuedBy { get; private set; } = "";

    public DateTimeOffset? ReturnedAt { get; private set; }

    /// <summary>The account that took the key back.</summary>
    public string? ReturnedTo { get; private set; }

    public string? ReturnNote { get; private set; }

    /// <summary>Still out after the time it was expected back.</summary>
    public bool IsOverdue(DateTimeOffset now) => ReturnedAt is null && now > ExpectedReturnAt;

    internal static KeyLoan Start(CustodyKey key, string issuedTo, string purpose, DateTimeOffset expectedReturnAt, string issuedBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = key.EstateId,
        KeyId = key.Id,
        KeyLabel = key.Label,
        IssuedTo = issuedTo,
        Purpose = purpose,
        IssuedAt = at,
        ExpectedReturnAt = expectedReturnAt,
        IssuedBy = issuedBy,
    };

    internal void Close(string returnedTo, string? note, DateTimeOffset at)
    {
        ReturnedAt = at;
        ReturnedTo = returnedTo;
        ReturnNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}
