using Microsoft.AspNetCore.Http;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Photos;

/// <summary>One photo as a multipart upload brought it: its bytes checked, its type the one its bytes show.</summary>
public sealed record PhotoUpload(string FileName, string ContentType, byte[] Data)
{
    /// <summary>Bodies beyond this are cut off while being read (a photo is at most 5 MB; the rest is multipart framing).</summary>
    public const long MaxBody = UploadedPhoto.MaxBytes + (1024 * 1024);

    /// <summary>Enough of the file to recognise every accepted format.</summary>
    private const int HeaderLength = 12;

    /// <summary>
    /// Reads the form of <paramref name="http"/> and its one <c>file</c>: between 1 byte and 5 MB, a JPEG, PNG, WebP or
    /// HEIC by its bytes, sent as a type that agrees. Failures go into <paramref name="errors"/> (field <c>file</c>), so the
    /// caller can check its own fields in the same answer; the form comes back for them. Null when the file failed.
    /// </summary>
    public static async Task<(IFormCollection Form, PhotoUpload? Photo)> ReadAsync(HttpRequest http, InputErrors errors, CancellationToken cancellationToken)
    {
        var form = await ReadFormAsync(http, cancellationToken);
        var files = form.Files.GetFiles("file");
        if (files.Count != 1)
        {
            errors.Add("file", "Send exactly one photo, in the form field 'file'.");
            return (form, null);
        }

        if (files[0].Length is 0 or > UploadedPhoto.MaxBytes)
        {
            errors.Add("file", $"A photo must have between 1 byte and {UploadedPhoto.MaxBytes / (1024 * 1024)} MB.");
            return (form, null);
        }

        var data = await ReadAllAsync(files[0], cancellationToken);
        var contentType = PhotoFormats.Detect(data.AsSpan(0, Math.Min(HeaderLength, data.Length)));
        if (contentType is null)
        {
            errors.Add("file", "Must be a JPEG, PNG, WebP or HEIC photo.");
            return (form, null);
        }

        if (!PhotoFormats.Agrees(files[0].ContentType, contentType))
        {
            errors.Add("file", $"The file is {contentType}, not the {files[0].ContentType} it was sent as.");
            return (form, null);
        }

        return (form, new PhotoUpload(FileNameOf(files[0]), contentType, data));
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!http.HasFormContentType)
        {
            throw new ValidationFailedException("file", "Send the photo as multipart/form-data.");
        }

        try
        {
            return await http.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            // The body was too large (or not a readable form): a photo is at most 5 MB.
            throw new ValidationFailedException("file", $"The form could not be read; a photo is at most {UploadedPhoto.MaxBytes / (1024 * 1024)} MB.");
        }
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static string FileNameOf(IFormFile file)
    {
        var name = Path.GetFileName(file.FileName ?? "").Trim();
        return name.Length == 0 ? "photo" : name[..Math.Min(name.Length, 200)];
    }
}
