using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Attachments;

public sealed record AttachmentResponse(
    Guid Id, Guid EstateId, Guid? RequestId, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt);

/// <summary>
/// Photos for customer requests: uploaded first (multipart: <c>estateId</c> and one <c>file</c>), then named in
/// <c>attachmentIds</c> when the request is recorded; read by whoever may read the request.
/// </summary>
public static class AttachmentsApi
{
    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/attachments", Upload)
            .WithTags("Customer requests")
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(PhotoUpload.MaxBody))
            .RequireRoles(ReceptionRoles.RequestRecorders);

        var ofRequest = api.MapGroup("/requests/{id:guid}/attachments").WithTags("Customer requests");
        ofRequest.MapGet("/", ListAttachments).RequireRoles(ReceptionRoles.RequestReaders);
        ofRequest.MapGet("/{attachmentId:guid}", GetAttachment).RequireRoles(ReceptionRoles.RequestReaders);
        return api;
    }

    /// <summary>
    /// Stores one photo for a request its uploader is about to record in the estate. Type and size are checked on the
    /// bytes themselves; nothing is stored unless all is well. Unclaimed uploads are removed after a day.
    /// </summary>
    public static async Task<Created<AttachmentResponse>> Upload(
        HttpRequest http, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var (form, photo) = await PhotoUpload.ReadAsync(http, errors, cancellationToken);
        var estateId = errors.Id(Guid.TryParse(form["estateId"], out var parsed) ? parsed : null, "estateId");
        errors.ThrowIfAny();
        // The photo is bound to a unit only when a request claims it, which checks the unit; here the estate is enough.
        if (!scope.CanSeeEstate(estateId))
        {
            throw new ForbiddenException($"You are not assigned to estate '{estateId}'.");
        }

        if (!await db.Estates.AnyAsync(e => e.Id == estateId, cancellationToken))
        {
            throw new ValidationFailedException("estateId", "No such estate in the registry.");
        }

        var attachment = Attachment.Upload(estateId, scope.Subject ?? "", photo!.FileName, photo.ContentType, photo.Data.Length, time.GetUtcNow());
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(AttachmentContent.For(attachment, photo.Data));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created((string?)null, ToResponse(attachment));
    }

    /// <summary>The photos of a request the caller may read (404 otherwise), in upload order.</summary>
    public static async Task<Ok<List<AttachmentResponse>>> ListAttachments(Guid id, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Requests.AnyAsync(r => r.Id == id, cancellationToken))
        {
            throw new NotFoundException("Request", id);
        }

        // At most Attachment.MaxPerRequest rows: one short list, no paging.
        var attachments = await db.Attachments.AsNoTracking()
            .Where(a => a.RequestId == id)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(attachments.Select(ToResponse).ToList());
    }

    /// <summary>The photo itself, with the type its bytes showed at upload.</summary>
    public static async Task<FileContentHttpResult> GetAttachment(Guid id, Guid attachmentId, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        // The request's own filter decides who may see the photo: its estate's staff, and the owner of its unit.
        var photo = await db.Attachments
            .Where(a => a.Id == attachmentId && a.RequestId == id && db.Requests.Any(r => r.Id == id))
            .Join(db.AttachmentContents, a => a.Id, c => c.AttachmentId, (a, c) => new { a.ContentType, c.Data })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Attachment", attachmentId);
        return TypedResults.File(photo.Data, photo.ContentType);
    }

    private static AttachmentResponse ToResponse(Attachment a) =>
        new(a.Id, a.EstateId, a.RequestId, a.FileName, a.ContentType, a.Length, a.UploadedAt);
}
