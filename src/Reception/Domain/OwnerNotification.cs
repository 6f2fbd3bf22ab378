using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum NotificationKind
{
    ParcelArrived,
    MessageAnswered,
}

/// <summary>
/// Something the owners of a unit read in the app (a parcel waiting, the desk's answer to a message). Owners see only
/// their own units' notifications; a push notifier may later deliver them too.
/// </summary>
public sealed class OwnerNotification : IUnitScoped
{
    private OwnerNotification()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The unit whose owners are told; always set.</summary>
    public Guid? UnitId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The record it is about (the parcel, the message).</summary>
    public Guid AboutId { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public static OwnerNotification For(Guid estateId, Guid unitId, NotificationKind kind, Guid aboutId, string text, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        Kind = kind,
        AboutId = aboutId,
        Text = text,
        CreatedAt = at,
    };

    /// <summary>Marks it read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}
