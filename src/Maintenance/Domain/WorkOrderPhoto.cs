using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Domain;

/// <summary>
/// A photo of a work order's finished work: uploaded to the order (by its technician or a maintenance supervisor), then
/// claimed by the completion that names it. One order's photo never shows another's work; uploads no completion named
/// within a day are removed.
/// </summary>
public sealed class WorkOrderPhoto : UploadedPhoto, IEstateOwned
{
    /// <summary>The most photos one completion names, and the most that may wait for one.</summary>
    public const int MaxPerCompletion = 20;

    private WorkOrderPhoto()
    {
    }

    public Guid WorkOrderId { get; private set; }

    public static WorkOrderPhoto Upload(WorkOrder workOrder, string uploadedBy, PhotoUpload photo, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = workOrder.EstateId,
        WorkOrderId = workOrder.Id,
        UploadedBy = uploadedBy,
        UploadedAt = at,
        FileName = photo.FileName,
        ContentType = photo.ContentType,
        Length = photo.Data.Length,
    };

    /// <summary>A completion of its order names it: from now on it shows the finished work, and is kept.</summary>
    public void Claim(DateTimeOffset at) => ClaimedAt ??= at;
}

/// <summary>The bytes of a <see cref="WorkOrderPhoto"/>, stored with it and removed with it.</summary>
public sealed class WorkOrderPhotoContent : IEstateOwned
{
    private WorkOrderPhotoContent()
    {
    }

    public Guid PhotoId { get; private set; }

    public Guid EstateId { get; private set; }

    public byte[] Data { get; private set; } = [];

    public static WorkOrderPhotoContent For(WorkOrderPhoto photo, byte[] data) =>
        new() { PhotoId = photo.Id, EstateId = photo.EstateId, Data = data };
}
