using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// A photo an owner or a clerk uploaded for a customer request: uploaded first, then claimed by the request it shows
/// (once, by the request its uploader records in the same estate). Unclaimed uploads expire after
/// <see cref="UnclaimedLifetime"/>. The bytes live apart, in <see cref="AttachmentContent"/>, so listing never loads them.
/// </summary>
public sealed class Attachment : IEstateOwned
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public const int MaxPerRequest = 6;

    public static readonly TimeSpan UnclaimedLifetime = TimeSpan.FromDays(1);

    private Attachment()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The account (token subject) that uploaded it: only that account may attach it to a request.</summary>
    public string UploadedBy { get; private set; } = "";

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The name the file had on the uploader's device (for display only).</summary>
    public string FileName { get; private set; } = "";

    /// <summary>The type its bytes show it to be (<see cref="PhotoFormats"/>), not the one the upload claimed.</summary>
    public string ContentType { get; private set; } = "";

    public long Length { get; private set; }

    /// <summary>The request it belongs to; null until claimed.</summary>
    public Guid? RequestId { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    public uint Version { get; private set; }

    public static Attachment Upload(
        Guid estateId, string uploadedBy, string fileName, string contentType, long length, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            UploadedBy = uploadedBy,
            UploadedAt = at,
            FileName = fileName,
            ContentType = contentType,
            Length = length,
        };

    public bool IsExpired(DateTimeOffset now) => RequestId is null && now - UploadedAt > UnclaimedLifetime;

    /// <summary>Whether <paramref name="caller"/> may attach it to a new request of <paramref name="estateId"/> at <paramref name="now"/>.</summary>
    public bool IsClaimableBy(string caller, Guid estateId, DateTimeOffset now) =>
        RequestId is null && UploadedBy == caller && EstateId == estateId && !IsExpired(now);

    /// <summary>The photo now belongs to <paramref name="requestId"/>; a photo belongs to one request only.</summary>
    public void ClaimFor(Guid requestId, DateTimeOffset at)
    {
        if (RequestId is not null)
        {
            throw new InvalidOperationException($"Attachment {Id} already belongs to request {RequestId}.");
        }

        RequestId = requestId;
        ClaimedAt = at;
    }
}

/// <summary>The bytes of an <see cref="Attachment"/>, stored with it and removed with it.</summary>
public sealed class AttachmentContent : IEstateOwned
{
    private AttachmentContent()
    {
    }

    public Guid AttachmentId { get; private set; }

    public Guid EstateId { get; private set; }

    public byte[] Data { get; private set; } = [];

    public static AttachmentContent For(Attachment attachment, byte[] data) =>
        new() { AttachmentId = attachment.Id, EstateId = attachment.EstateId, Data = data };
}

/// <summary>The photo formats accepted, recognised by their first bytes (a file's name or declared type proves nothing).</summary>
public static class PhotoFormats
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string Heic = "image/heic";

    public static readonly IReadOnlyList<string> All = [Jpeg, Png, WebP, Heic];

    /// <summary>HEIF brands of HEIC photos (HEVC-coded; what phones write) and of generic HEIF image files.</summary>
    private static readonly string[] HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"];

    /// <summary>The content type <paramref name="header"/> (the file's first bytes, 12 or more) shows, or null if none of ours.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        // ISO base media file: a 'ftyp' box first, whose major brand says what the file is.
        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(header[8..12]);
            return HeicBrands.Contains(brand, StringComparer.Ordinal) ? Heic : null;
        }

        return null;
    }

    /// <summary>Whether a declared content type is compatible with the detected one (absent or generic types are).</summary>
    public static bool Agrees(string? declared, string detected)
    {
        if (string.IsNullOrWhiteSpace(declared) || declared.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var type = declared.Split(';')[0].Trim();
        return type.Equals(detected, StringComparison.OrdinalIgnoreCase)
            || (detected == Heic && type.Equals("image/heif", StringComparison.OrdinalIgnoreCase))
            || (detected == Jpeg && type.Equals("image/jpg", StringComparison.OrdinalIgnoreCase));
    }
}
