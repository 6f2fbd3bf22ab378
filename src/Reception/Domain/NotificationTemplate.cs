using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// An estate's own wording of a notification in one language, in place of the group's default. <c>{field}</c> marks
/// where the request's data goes.
/// </summary>
public sealed class NotificationTemplate : IEstateOwned
{
    private NotificationTemplate()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Key { get; private set; } = "";

    public string Language { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string UpdatedBy { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public static NotificationTemplate Create(Guid estateId, string key, string language, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Key = key,
        Language = language,
    };

    public void Change(string subject, string body, string by, DateTimeOffset at)
    {
        Subject = subject;
        Body = body;
        UpdatedBy = by;
        UpdatedAt = at;
    }
}
