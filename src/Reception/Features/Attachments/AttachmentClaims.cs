using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.Attachments;

/// <summary>How a new request takes its photos: the checks, made before anything changes.</summary>
public static class AttachmentClaims
{
    /// <summary>
    /// Loads the uploads <paramref name="ids"/> for a new request of <paramref name="estateId"/> by <paramref name="caller"/>:
    /// each must be theirs, of that estate, unexpired and not yet attached to a request. Throws before anything changes.
    /// </summary>
    public static async Task<List<Attachment>> ClaimableAsync(
        ReceptionDbContext db, IReadOnlyCollection<Guid> ids, Guid estateId, string caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var found = await db.Attachments.Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        var notYours = ids.Where(id => found.All(a => a.Id != id || a.UploadedBy != caller || a.EstateId != estateId || a.IsExpired(now))).ToList();
        if (notYours.Count > 0)
        {
            throw new ValidationFailedException(
                "attachmentIds", $"No photo of yours in this estate with id {string.Join(", ", notYours)} (uploads expire after a day).");
        }

        if (found.FirstOrDefault(a => !a.IsClaimableBy(caller, estateId, now)) is { } taken)
        {
            throw new ConflictException($"Photo {taken.Id} already belongs to another request.");
        }

        return found;
    }

    /// <summary>Checks the ids a request names: at most <see cref="Attachment.MaxPerRequest"/>, each once, none empty.</summary>
    public static Guid[] Ids(InputErrors errors, IReadOnlyList<Guid>? ids)
    {
        var list = ids ?? [];
        if (list.Count > Attachment.MaxPerRequest)
        {
            errors.Add("attachmentIds", $"At most {Attachment.MaxPerRequest} photos per request.");
        }
        else if (list.Contains(Guid.Empty) || list.Distinct().Count() != list.Count)
        {
            errors.Add("attachmentIds", "Each photo once; an empty id is not a photo.");
        }

        return [.. list];
    }
}
