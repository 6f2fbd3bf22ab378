using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>Whom a notice reaches.</summary>
public enum NoticeAudience
{
    Estate,
    Building,
    Unit,
}

/// <summary>
/// A notice or announcement from the front desk to a whole estate, one building or one unit, shown from
/// <see cref="PublishAt"/> until <see cref="ExpiresAt"/> (if any). Owners read the notices that reach their units.
/// </summary>
public sealed class Notice : IEstateOwned
{
    private Notice()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public NoticeAudience Audience { get; private set; }

    /// <summary>Set for a building's notice only.</summary>
    public Guid? BuildingId { get; private set; }

    /// <summary>Set for a unit's notice only.</summary>
    public Guid? UnitId { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset PublishAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The account (token subject) that published it.</summary>
    public string PublishedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static Notice Publish(
        Guid estateId, NoticeAudience audience, Guid? buildingId, Guid? unitId, string title, string body,
        DateTimeOffset publishAt, DateTimeOffset? expiresAt, string publishedBy, DateTimeOffset now)
    {
        var targetsMatch = audience switch
        {
            NoticeAudience.Estate => buildingId is null && unitId is null,
            NoticeAudience.Building => buildingId is not null && unitId is null,
            _ => buildingId is null && unitId is not null,
        };
        if (!targetsMatch)
        {
            throw new ArgumentException($"A notice to {audience} names exactly its own target.", nameof(audience));
        }

        if (expiresAt <= publishAt)
        {
            throw new ArgumentException("A notice expires after it is published.", nameof(expiresAt));
        }

        return new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            Audience = audience,
            BuildingId = buildingId,
            UnitId = unitId,
            Title = title.Trim(),
            Body = body.Trim(),
            PublishAt = publishAt,
            ExpiresAt = expiresAt,
            PublishedBy = publishedBy,
            CreatedAt = now,
        };
    }

    /// <summary>Published and not yet expired at <paramref name="now"/>.</summary>
    public bool IsShowing(DateTimeOffset now) => PublishAt <= now && (ExpiresAt is null || ExpiresAt > now);
}
