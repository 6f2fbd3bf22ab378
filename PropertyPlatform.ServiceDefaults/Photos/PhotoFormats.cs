namespace PropertyPlatform.ServiceDefaults.Photos;

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
