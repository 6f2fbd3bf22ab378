using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Tests.Photos;

public sealed class PhotoUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] JpegHeader = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    private static byte[] Jpeg(long length)
    {
        var bytes = new byte[length];
        JpegHeader.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A request as Kestrel would hand it over: the multipart body the client sent, with its content type.</summary>
    private static async Task<HttpRequest> RequestAsync(Action<MultipartFormDataContent> fill)
    {
        using var form = new MultipartFormDataContent();
        fill(form);
        var context = new DefaultHttpContext();
        context.Request.ContentType = form.Headers.ContentType!.ToString();
        context.Request.Body = new MemoryStream(await form.ReadAsByteArrayAsync(Ct));
        return context.Request;
    }

    private static void File(MultipartFormDataContent form, byte[] bytes, string? contentType = "image/jpeg", string fileName = "valve.jpg")
    {
        var part = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        form.Add(part, "file", fileName);
    }

    [Fact]
    public async Task A_photo_is_read_with_the_type_its_bytes_show_and_the_other_fields_of_the_form()
    {
        var request = await RequestAsync(form =>
        {
            form.Add(new StringContent("note"), "caption");
            File(form, Jpeg(2048), "application/octet-stream", "../../valve.jpg");
        });
        var errors = new InputErrors();

        var (form, photo) = await PhotoUpload.ReadAsync(request, errors, Ct);

        errors.ThrowIfAny();
        form["caption"].ToString().Should().Be("note");
        photo.Should().NotBeNull();
        photo!.ContentType.Should().Be(PhotoFormats.Jpeg);
        photo.FileName.Should().Be("valve.jpg", "a path sent as the name is cut to the name");
        photo.Data.Should().HaveCount(2048);
    }

    public static TheoryData<string, byte[], string?> Refused => new()
    {
        { "empty", [], "image/jpeg" },
        { "over 5 MB", Jpeg(UploadedPhoto.MaxBytes + 1), "image/jpeg" },
        { "not a photo", "%PDF-1.7\n%\0\0\0\0\0"u8.ToArray(), "image/jpeg" },
        { "a JPEG sent as PNG", Jpeg(64), "image/png" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_a_photo_of_at_most_5_MB_is_an_error_on_the_file_field(string why, byte[] bytes, string? contentType)
    {
        var request = await RequestAsync(form => File(form, bytes, contentType));
        var errors = new InputErrors();

        var (_, photo) = await PhotoUpload.ReadAsync(request, errors, Ct);

        photo.Should().BeNull(why);
        var thrown = errors.Invoking(e => e.ThrowIfAny()).Should().Throw<ValidationFailedException>().Which;
        thrown.Errors.Keys.Should().Equal("file");
    }

    [Fact]
    public async Task No_file_or_two_files_is_an_error_on_the_file_field()
    {
        foreach (var count in new[] { 0, 2 })
        {
            var request = await RequestAsync(form =>
            {
                form.Add(new StringContent("x"), "estateId");
                for (var i = 0; i < count; i++)
                {
                    File(form, Jpeg(64));
                }
            });
            var errors = new InputErrors();

            var (_, photo) = await PhotoUpload.ReadAsync(request, errors, Ct);

            photo.Should().BeNull();
            errors.Invoking(e => e.ThrowIfAny()).Should().Throw<ValidationFailedException>().Which.Errors.Keys.Should().Equal("file");
        }
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_naming_the_file()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream("{}"u8.ToArray());

        var read = () => PhotoUpload.ReadAsync(context.Request, new InputErrors(), Ct);

        (await read.Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Keys.Should().Equal("file");
    }
}
