using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.WorkOrders;

public sealed record WorkOrderPhotoResponse(
    Guid Id, Guid WorkOrderId, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt, DateTimeOffset? ClaimedAt);

/// <summary>
/// Photos of the finished work: uploaded to the work order (multipart, one <c>file</c>), then named in the completion's
/// <c>photoIds</c>; listed and served to whoever may read the order.
/// </summary>
public static class WorkOrderPhotosApi
{
    /// <summary>Who adds photos: the technician the order is dispatched to (checked on the order), or a maintenance supervisor.</summary>
    private static readonly string[] Uploaders = [PlatformRoles.Technician, PlatformRoles.MaintenanceSupervisor];

    public static RouteGroupBuilder MapWorkOrderPhotosApi(this RouteGroupBuilder api)
    {
        var photos = api.MapGroup("/work-orders/{id:guid}/photos").WithTags("Work orders");
        photos.MapPost("/", Upload)
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(PhotoUpload.MaxBody))
            .RequireRoles(Uploaders);
        photos.MapGet("/", ListPhotos).RequireRoles(MaintenanceRoles.OneOrderReaders);
        photos.MapGet("/{photoId:guid}", GetPhoto).RequireRoles(MaintenanceRoles.OneOrderReaders);
        return api;
    }

    /// <summary>
    /// Stores one photo for the order, waiting for the completion that names it (removed after a day if none does).
    /// Type and size are checked on the bytes; nothing is stored unless all is well.
    /// </summary>
    public static async Task<Created<WorkOrderPhotoResponse>> Upload(
        Guid id, HttpRequest http, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var (_, upload) = await PhotoUpload.ReadAsync(http, errors, cancellationToken);
        errors.ThrowIfAny();
        var workOrder = await WorkOrdersApi.LoadForWriteAsync(id, db, scope, cancellationToken);
        if (!scope.IsInRole(PlatformRoles.MaintenanceSupervisor) && !workOrder.IsAssignedTo(scope.Account()))
        {
            throw new ForbiddenException("Only the technician the work order is dispatched to, or a maintenance supervisor, may add its photos.");
        }

        if (workOrder.Status == WorkOrderStatus.Closed)
        {
            throw new ConflictException("The work order is closed: its photos are final.");
        }

        var waiting = await db.WorkOrderPhotos.CountAsync(p => p.WorkOrderId == id && p.ClaimedAt == null, cancellationToken);
        if (waiting >= WorkOrderPhoto.MaxPerCompletion)
        {
            throw new ConflictException($"{waiting} photos already wait for the completion; a completion names at most {WorkOrderPhoto.MaxPerCompletion}.");
        }

        var photo = WorkOrderPhoto.Upload(workOrder, scope.Account(), upload!, time.GetUtcNow());
        db.WorkOrderPhotos.Add(photo);
        db.WorkOrderPhotoContents.Add(WorkOrderPhotoContent.For(photo, upload!.Data));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/work-orders/{id}/photos/{photo.Id}", ToResponse(photo));
    }

    /// <summary>The completion's photos of an order the caller may read (404 otherwise), in upload order.</summary>
    public static async Task<Ok<List<WorkOrderPhotoResponse>>> ListPhotos(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.WorkOrders.AnyAsync(w => w.Id == id, cancellationToken))
        {
            throw new NotFoundException("Work order", id);
        }

        // Claimed photos only, and completions name at most 20 each: one short list, no paging.
        var photos = await db.WorkOrderPhotos.AsNoTracking()
            .Where(p => p.WorkOrderId == id && p.ClaimedAt != null)
            .OrderBy(p => p.UploadedAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(photos.Select(ToResponse).ToList());
    }

    /// <summary>The photo itself, with the type its bytes showed at upload. Owners see only photos a completion named.</summary>
    public static async Task<FileContentHttpResult> GetPhoto(
        Guid id, Guid photoId, MaintenanceDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        // The order's own filter decides who may see the photo: its estate's staff, and the owner of its unit.
        var photo = await db.WorkOrderPhotos
            .Where(p => p.Id == photoId && p.WorkOrderId == id && db.WorkOrders.Any(w => w.Id == id))
            .Where(p => p.ClaimedAt != null || !scope.IsOwnerOnly)
            .Join(db.WorkOrderPhotoContents, p => p.Id, c => c.PhotoId, (p, c) => new { p.ContentType, c.Data })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Photo", photoId);
        return TypedResults.File(photo.Data, photo.ContentType);
    }

    /// <summary>
    /// The photos a completion of <paramref name="workOrder"/> names, claimed for it: each must be a photo of that order
    /// (unexpired; one a previous completion named may be named again). Throws before anything changes.
    /// </summary>
    public static async Task ClaimAsync(
        MaintenanceDbContext db, WorkOrder workOrder, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var found = await db.WorkOrderPhotos.IgnoreQueryFilters()
            .Where(p => ids.Contains(p.Id) && p.WorkOrderId == workOrder.Id)
            .ToListAsync(cancellationToken);
        var missing = ids.Where(id => found.All(p => p.Id != id || p.IsExpired(now))).ToList();
        if (missing.Count > 0)
        {
            throw new ValidationFailedException(
                "photoIds", $"No photo of this work order with id {string.Join(", ", missing)} (upload it to the order first; uploads expire after a day).");
        }

        foreach (var photo in found)
        {
            photo.Claim(now);
        }
    }

    private static WorkOrderPhotoResponse ToResponse(WorkOrderPhoto p) =>
        new(p.Id, p.WorkOrderId, p.FileName, p.ContentType, p.Length, p.UploadedAt, p.ClaimedAt);
}
