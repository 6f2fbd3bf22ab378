namespace PropertyPlatform.ServiceDefaults.Photos;

/// <summary>
/// A photo uploaded ahead of the record it shows (a customer request, a work order's completion), then claimed by that
/// record once. What every service's photos have in common: who uploaded it and when, what its bytes are, and whether a
/// record has claimed it; uploads unclaimed after <see cref="UnclaimedLifetime"/> are removed by
/// <see cref="UnclaimedPhotoCleanup{TContext, TPhoto}"/>. The bytes live in a table of their own, so listing never loads them.
/// </summary>
public abstract class UploadedPhoto
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static readonly TimeSpan UnclaimedLifetime = TimeSpan.FromDays(1);

    public Guid Id { get; protected set; }

    public Guid EstateId { get; protected set; }

    /// <summary>The account (token subject) that uploaded it.</summary>
    public string UploadedBy { get; protected set; } = "";

    public DateTimeOffset UploadedAt { get; protected set; }

    /// <summary>The name the file had on the uploader's device (for display only).</summary>
    public string FileName { get; protected set; } = "";

    /// <summary>The type its bytes show it to be (<see cref="PhotoFormats"/>), not the one the upload claimed.</summary>
    public string ContentType { get; protected set; } = "";

    public long Length { get; protected set; }

    /// <summary>When the record it shows claimed it; null while it is only an upload.</summary>
    public DateTimeOffset? ClaimedAt { get; protected set; }

    public uint Version { get; protected set; }

    public bool IsExpired(DateTimeOffset now) => ClaimedAt is null && now - UploadedAt > UnclaimedLifetime;
}
