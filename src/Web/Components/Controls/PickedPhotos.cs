using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.Forms;
using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>
/// The photos picked for a new customer request (the owner's report, the desk's intake), held here until it is sent:
/// then each goes to reception (POST /api/reception/attachments, for the request's estate) and the request names their
/// ids. A photo already uploaded for that estate is not sent again when the request is sent again after a refusal.
/// Not part of the form's draft: a draft holds what was typed, not files.
/// </summary>
public sealed class PickedPhotos
{
    /// <summary>What reception takes: at most 6 photos per request, 5 MB each.</summary>
    public const int MaxPhotos = 6;

    public const long MaxPhotoBytes = 5 * 1024 * 1024;

    /// <summary>The request's field for its photos: reception names it in its problem details, the page shows it by the picker.</summary>
    public const string Field = "attachmentIds";

    /// <summary>Where a photo is uploaded.</summary>
    public const string UploadPath = "/api/reception/attachments";

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private readonly List<Photo> _photos = [];

    public IReadOnlyList<Photo> Items => _photos;

    /// <summary>Why the last pick left out a photo (too large, too many), in the user's words; null when none was.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// Adds the picked files, each read here at once (the browser forgets them at the next pick): one larger than
    /// <see cref="MaxPhotoBytes"/> or beyond <see cref="MaxPhotos"/> is left out, and <see cref="Refusal"/> says so with
    /// <paramref name="tooLarge"/> (formatted with the file's name) or <paramref name="tooMany"/> (with the maximum).
    /// </summary>
    public async Task AddAsync(InputFileChangeEventArgs picked, string tooLarge, string tooMany)
    {
        Refusal = null;
        // Every file picked is offered; only those that fit are read.
        foreach (var file in picked.GetMultipleFiles(picked.FileCount))
        {
            if (_photos.Count >= MaxPhotos)
            {
                Refusal = string.Format(CultureInfo.CurrentCulture, tooMany, MaxPhotos);
                return;
            }

            if (file.Size > MaxPhotoBytes)
            {
                Refusal = string.Format(CultureInfo.CurrentCulture, tooLarge, file.Name);
                continue;
            }

            using var bytes = new MemoryStream();
            await using (var stream = file.OpenReadStream(MaxPhotoBytes))
            {
                await stream.CopyToAsync(bytes);
            }

            _photos.Add(new Photo(file.Name, file.ContentType, bytes.ToArray()));
        }
    }

    public void Remove(Photo photo)
    {
        _photos.Remove(photo);
        Refusal = null;
    }

    public void Clear()
    {
        _photos.Clear();
        Refusal = null;
    }

    /// <summary>
    /// Uploads each photo not yet uploaded for <paramref name="estateId"/> through <paramref name="upload"/> (the page's
    /// call to the gateway; null when the session was lost, and then this is null too). The ids of all the photos when
    /// each is uploaded (none when there is no estate to upload for: the request's own check then says so). Stops at the
    /// first refusal and answers it: reception's word on the photo (its field <c>file</c>) under <see cref="Field"/>,
    /// prefixed with the photo's name; its other fields as they were.
    /// </summary>
    public async Task<ApiResult<IReadOnlyList<Guid>>?> UploadAsync(Guid? estateId, Func<MultipartFormDataContent, Task<ApiResult<AttachmentView>?>> upload)
    {
        if (estateId is not { } estate)
        {
            return new ApiResult<IReadOnlyList<Guid>>([], HttpStatusCode.OK, null, NoErrors);
        }

        foreach (var photo in _photos.Where(p => p.Uploaded?.EstateId != estate))
        {
            var form = new MultipartFormDataContent { { new StringContent(estate.ToString()), "estateId" } };
            var content = new ByteArrayContent(photo.Data);
            content.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrEmpty(photo.ContentType) ? "application/octet-stream" : photo.ContentType);
            form.Add(content, "file", photo.Name);
            var uploaded = await upload(form);
            if (uploaded is null)
            {
                return null;
            }

            if (!uploaded.Succeeded)
            {
                var errors = uploaded.FieldErrors.ToDictionary(
                    e => e.Key == "file" ? Field : e.Key,
                    e => e.Key == "file" ? [.. e.Value.Select(m => $"{photo.Name}: {m}")] : e.Value);
                return new ApiResult<IReadOnlyList<Guid>>(null, uploaded.Status, uploaded.Title, errors, uploaded.Detail);
            }

            photo.Uploaded = uploaded.Value;
        }

        return new ApiResult<IReadOnlyList<Guid>>([.. _photos.Select(p => p.Uploaded!.Id)], HttpStatusCode.OK, null, NoErrors);
    }

    /// <summary>A picked photo: its bytes, and the upload reception answered once it was sent.</summary>
    public sealed class Photo(string name, string contentType, byte[] data)
    {
        public string Name { get; } = name;

        public string ContentType { get; } = contentType;

        public byte[] Data { get; } = data;

        public AttachmentView? Uploaded { get; set; }
    }
}
