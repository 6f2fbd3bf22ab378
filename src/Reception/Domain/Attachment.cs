using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// A photo an owner or a clerk uploaded for a customer request: uploaded first, then claimed by the request it shows
/// (once, by the request its uploader records in the same estate). Unclaimed uploads expire after
/// <see cref="UploadedPhoto.UnclaimedLifetime"/>. The bytes live apart, in <see cref="AttachmentContent"/>.
/// </summary>
public sealed class Attachment : UploadedPhoto, IEstateOwned
{
    public const int MaxPerRequest = 6;

    private Attachment()
    {
    }

    /// <summary>The request it belongs to; null until claimed.</summary>
    public Guid? RequestId { get; private set; }

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
