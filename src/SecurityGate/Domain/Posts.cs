using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

/// <summary>
/// A guard post of an estate (the north gate, the car park, the control room). It is held by one guard at a time, who
/// must hold a valid certification for its <see cref="Certification"/> (hr-training's post name, e.g. <c>gate</c>).
/// A post whose guard was taken off (certification lapsed, employment ended) is flagged uncovered until someone signs on.
/// </summary>
public sealed class GuardPost : IEstateOwned
{
    private GuardPost()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Lower case: the post certification a guard needs.</summary>
    public string Certification { get; private set; } = "";

    public Guid? GuardId { get; private set; }

    public string? GuardName { get; private set; }

    public DateTimeOffset? GuardSince { get; private set; }

    /// <summary>Set when the guard was taken off the post by a rule, not by signing off or handing over.</summary>
    public DateTimeOffset? UncoveredSince { get; private set; }

    public string? UncoveredReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public static GuardPost Open(Guid estateId, string name, string certification, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Name = name,
        Certification = certification.Trim().ToLowerInvariant(),
        CreatedAt = at,
    };

    public void SignOn(Guid guardId, string guardName, DateTimeOffset at)
    {
        GuardId = guardId;
        GuardName = guardName;
        GuardSince = at;
        UncoveredSince = null;
        UncoveredReason = null;
    }

    public void SignOff()
    {
        GuardId = null;
        GuardName = null;
        GuardSince = null;
    }

    /// <summary>The guard may no longer hold the post: off it at once, and the post is flagged uncovered.</summary>
    public void TakeGuardOff(string reason, DateTimeOffset at)
    {
        SignOff();
        UncoveredSince = at;
        UncoveredReason = reason;
    }
}

/// <summary>One item of a post's equipment checked at a handover (radio, torch, keys, CCTV...).</summary>
public sealed record EquipmentCheck(string Item, bool Ok, string? Note);

/// <summary>Something the outgoing guard leaves for the next (a gate that sticks, a visitor still inside).</summary>
public sealed record HandoverItem(Guid Id, string Text, DateTimeOffset OpenedAt);

/// <summary>
/// One shift handover at a post: the outgoing and incoming guards, the equipment check, and the open items, which are
/// those still open at the previous handover (less those closed now) plus the new ones: nothing is dropped silently.
/// </summary>
public sealed class ShiftHandover : IEstateOwned
{
    private ShiftHandover()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid PostId { get; private set; }

    public Guid? FromGuardId { get; private set; }

    public Guid ToGuardId { get; private set; }

    public string ToGuardName { get; private set; } = "";

    public DateTimeOffset HandedOverAt { get; private set; }

    public string? Notes { get; private set; }

    public List<HandoverItem> OpenItems { get; private set; } = [];

    public List<HandoverItem> ClosedItems { get; private set; } = [];

    public List<EquipmentCheck> Equipment { get; private set; } = [];

    public string RecordedBy { get; private set; } = "";

    public static ShiftHandover Record(
        GuardPost post, ShiftHandover? previous, Guid toGuardId, string toGuardName, IReadOnlyCollection<Guid> closed, IEnumerable<string> newItems,
        IEnumerable<EquipmentCheck> equipment, string? notes, DateTimeOffset at, string recordedBy)
    {
        var carried = previous?.OpenItems ?? [];
        return new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = post.EstateId,
            PostId = post.Id,
            FromGuardId = post.GuardId,
            ToGuardId = toGuardId,
            ToGuardName = toGuardName,
            HandedOverAt = at,
            Notes = notes,
            OpenItems = [.. carried.Where(i => !closed.Contains(i.Id)), .. newItems.Select(text => new HandoverItem(Guid.CreateVersion7(at), text, at))],
            ClosedItems = [.. carried.Where(i => closed.Contains(i.Id))],
            Equipment = [.. equipment],
            RecordedBy = recordedBy,
        };
    }
}
