using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum DeskItemKind
{
    /// <summary>Left at the desk for safekeeping or for someone to collect (物品存放).</summary>
    Stored,

    /// <summary>Lent by the desk (a ladder, an umbrella, a trolley) until it comes back (物品外借).</summary>
    Lent,
}

/// <summary>
/// An item stored at or lent by the front desk: what, for or to whom (and which unit), when, until when, and when it
/// went back or was collected. Every record stays.
/// </summary>
public sealed class DeskItem : IUnitScoped
{
    private DeskItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The unit of the person it is stored for or lent to; null for a visitor or a contractor.</summary>
    public Guid? UnitId { get; private set; }

    public DeskItemKind Kind { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>Who left it (stored) or borrowed it (lent).</summary>
    public string Person { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    /// <summary>When it is expected back (lent) or collected (stored), if agreed.</summary>
    public DateTimeOffset? DueBackAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Who collected it (stored) or brought it back (lent).</summary>
    public string? ClosedWith { get; private set; }

    public string? ClosedBy { get; private set; }

    public uint Version { get; private set; }

    public static DeskItem Record(
        Guid estateId, Guid? unitId, DeskItemKind kind, string description, string person, DateTimeOffset at, DateTimeOffset? dueBackAt, string by) => new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            UnitId = unitId,
            Kind = kind,
            Description = description,
            Person = person,
            At = at,
            DueBackAt = dueBackAt,
            RecordedBy = by,
        };

    /// <summary>Collected (stored) or returned (lent); once.</summary>
    public void Close(string with, string by, DateTimeOffset at)
    {
        if (ClosedAt is not null)
        {
            throw new ConflictException(Kind == DeskItemKind.Lent
                ? $"This item was already returned at {ClosedAt:u} by {ClosedWith}."
                : $"This item was already collected at {ClosedAt:u} by {ClosedWith}.");
        }

        ClosedAt = at;
        ClosedWith = with;
        ClosedBy = by;
    }

    public bool IsOverdue(DateTimeOffset now) => ClosedAt is null && DueBackAt < now;
}
