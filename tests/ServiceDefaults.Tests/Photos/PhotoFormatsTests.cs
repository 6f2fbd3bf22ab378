using PropertyPlatform.ServiceDefaults.Photos;

namespace PropertyPlatform.ServiceDefaults.Tests.Photos;

public sealed class PhotoFormatsTests
{
    public static TheoryData<string, byte[]> Photos => new()
    {
        { PhotoFormats.Jpeg, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0, 1] },
        { PhotoFormats.Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] },
        { PhotoFormats.WebP, [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBP"u8] },
        { PhotoFormats.Heic, [0, 0, 0, 0x18, .. "ftypheic"u8] },
        { PhotoFormats.Heic, [0, 0, 0, 0x1C, .. "ftypmif1"u8] },
    };

    [Theory]
    [MemberData(nameof(Photos))]
    public void Each_accepted_photo_format_is_recognised_by_its_first_bytes(string expected, byte[] header)
    {
        PhotoFormats.Detect(header).Should().Be(expected);
    }

    public static TheoryData<byte[]> NotPhotos => new()
    {
        "GIF89a\0\0\0\0\0\0"u8.ToArray(),
        "%PDF-1.7\n%\0\0\0"u8.ToArray(),
        "<html><body>"u8.ToArray(),
        Bytes([.. "RIFF"u8, 0x24, 0, 0, 0, .. "WAVE"u8]),
        Bytes([0, 0, 0, 0x18, .. "ftypmp42"u8]),
        Bytes([0xFF, 0xD8]),
        Bytes([]),
    };

    private static byte[] Bytes(byte[] bytes) => bytes;

    [Theory]
    [MemberData(nameof(NotPhotos))]
    public void Anything_else_is_not_a_photo_whatever_it_is_called(byte[] header)
    {
        PhotoFormats.Detect(header).Should().BeNull();
    }

    [Theory]
    [InlineData(null, PhotoFormats.Jpeg, true)]
    [InlineData("application/octet-stream", PhotoFormats.Heic, true)]
    [InlineData("image/heif", PhotoFormats.Heic, true)]
    [InlineData("image/png", PhotoFormats.Png, true)]
    [InlineData("image/png", PhotoFormats.Jpeg, false)]
    [InlineData("text/plain", PhotoFormats.Jpeg, false)]
    public void A_declared_type_must_agree_with_the_bytes(string? declared, string detected, bool agrees)
    {
        PhotoFormats.Agrees(declared, detected).Should().Be(agrees);
    }
}
