using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Domain;

public enum StockMovementKind
{
    /// <summary>Goods received into the store.</summary>
    Receipt,

    /// <summary>Drawn for a work order (its completion's parts used).</summary>
    Issue,

    /// <summary>Back from a work order whose latest completion used less than was drawn.</summary>
    Return,

    /// <summary>Puts a wrong receipt right: the difference, as a new entry.</summary>
    Correction,

    /// <summary>A posted stocktake makes the book equal to the count.</summary>
    StocktakeAdjustment,
}

/// <summary>
/// A spare part the estate's store keeps: its code (unique in the estate), name, unit of issue and reorder level, and
/// the quantity on hand, which only ever changes through an entry in the stock book (<see cref="StockMovement"/>).
/// </summary>
public sealed class SparePart : IEstateOwned
{
    /// <summary>The most of one part a single entry moves.</summary>
    public const decimal MaxQuantity = 1_000_000m;

    private SparePart()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>Upper-case, unique in the estate (e.g. <c>VALVE-15MM</c>).</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The unit it is counted in: pcs, m, kg, L.</summary>
    public string Unit { get; private set; } = "";

    /// <summary>Below this the store must reorder: a low-stock alert.</summary>
    public decimal ReorderLevel { get; private set; }

    /// <summary>The book's balance: the sum of every movement.</summary>
    public decimal OnHand { get; private set; }

    /// <summary>How many entries the book holds; each entry gets the next number.</summary>
    public int Entries { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public uint Version { get; private set; }

    public bool IsLow => OnHand < ReorderLevel;

    public static SparePart Create(Guid estateId, string code, string name, string unit, decimal reorderLevel, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Code = NormalizeCode(code),
        Name = name,
        Unit = unit,
        ReorderLevel = reorderLevel,
        CreatedAt = at,
        CreatedBy = by.Subject,
    };

    /// <summary>Codes are read off bins and typed by hand: compared trimmed and upper-case.</summary>
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    public void ChangeReorderLevel(decimal reorderLevel) => ReorderLevel = reorderLevel;

    public StockMovement Receive(decimal quantity, string? note, Actor by, DateTimeOffset at) =>
        Record(StockMovementKind.Receipt, quantity, note, by, at);

    /// <summary>Moves the work order's net draw of this part to <paramref name="used"/>: an issue of what more it used, or a return of what it did not.</summary>
    public StockMovement? SettleWorkOrder(Guid workOrderId, decimal alreadyDrawn, decimal used, Actor by, DateTimeOffset at)
    {
        var more = used - alreadyDrawn;
        if (more == 0)
        {
            return null;
        }

        if (more > OnHand)
        {
            throw new ConflictException($"Only {OnHand} {Unit} of {Code} on hand; the work order needs {more} more.");
        }

        var movement = Record(more > 0 ? StockMovementKind.Issue : StockMovementKind.Return, -more, null, by, at);
        movement.WorkOrderId = workOrderId;
        return movement;
    }

    /// <summary>A receipt was booked wrong: a correction entry adds the difference to <paramref name="rightQuantity"/>; the receipt stays as it was.</summary>
    public StockMovement Correct(StockMovement receipt, decimal alreadyCorrected, decimal rightQuantity, string reason, Actor by, DateTimeOffset at)
    {
        if (receipt.Kind != StockMovementKind.Receipt || receipt.PartId != Id)
        {
            throw new ConflictException("Only a receipt of this part can be corrected; issues follow their work order, and stocktakes are counted again.");
        }

        var difference = rightQuantity - (receipt.Quantity + alreadyCorrected);
        if (difference == 0)
        {
            throw new ConflictException($"The receipt already stands at {rightQuantity} {Unit}.");
        }

        var movement = Record(StockMovementKind.Correction, difference, reason, by, at);
        movement.CorrectsId = receipt.Id;
        return movement;
    }

    /// <summary>A posted stocktake: the book becomes the count (null when it already was).</summary>
    public StockMovement? AdjustToCount(Guid stocktakeId, decimal counted, string? explanation, Actor by, DateTimeOffset at)
    {
        if (counted == OnHand)
        {
            return null;
        }

        var movement = Record(StockMovementKind.StocktakeAdjustment, counted - OnHand, explanation, by, at);
        movement.StocktakeId = stocktakeId;
        return movement;
    }

    private StockMovement Record(StockMovementKind kind, decimal quantity, string? note, Actor by, DateTimeOffset at)
    {
        if (OnHand + quantity < 0)
        {
            throw new ConflictException($"Only {OnHand} {Unit} of {Code} on hand: the book cannot go below zero.");
        }

        OnHand += quantity;
        Entries++;
        return new StockMovement
        {
            Id = Guid.CreateVersion7(at),
            EstateId = EstateId,
            PartId = Id,
            Number = Entries,
            Kind = kind,
            Quantity = quantity,
            BalanceAfter = OnHand,
            Note = note,
            At = at,
            By = by.Subject,
            ByName = by.Name,
        };
    }
}

/// <summary>
/// One entry of a part's stock book: what moved (signed: in positive, out negative), why, the balance after it, who and
/// when. Entries are only ever added; a mistake is put right by a new entry.
/// </summary>
public sealed class StockMovement : IEstateOwned
{
    internal StockMovement()
    {
    }

    public Guid Id { get; internal init; }

    public Guid EstateId { get; internal init; }

    public Guid PartId { get; internal init; }

    /// <summary>1, 2, 3... per part: the book's order, unique, so two entries can never take the same place.</summary>
    public int Number { get; internal init; }

    public StockMovementKind Kind { get; internal init; }

    public decimal Quantity { get; internal init; }

    public decimal BalanceAfter { get; internal init; }

    public Guid? WorkOrderId { get; internal set; }

    public Guid? StocktakeId { get; internal set; }

    /// <summary>For a correction: the receipt it corrects.</summary>
    public Guid? CorrectsId { get; internal set; }

    /// <summary>The delivery note of a receipt, the reason of a correction, the explanation of a stocktake variance.</summary>
    public string? Note { get; internal init; }

    public DateTimeOffset At { get; internal init; }

    public string By { get; internal init; } = "";

    public string ByName { get; internal init; } = "";
}
