using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace PropertyPlatform.Web.Components.Pages.Gate;

/// <summary>What a scanned image gave: the pass's code, or why there is none.</summary>
public enum PassScan
{
    Read,
    TooLarge,
    NotAnImage,
    NoQrCode,
}

/// <summary>The code read from a scan, or null with <see cref="Outcome"/> saying why not.</summary>
public sealed record PassScanResult(PassScan Outcome, string? Code = null);

/// <summary>
/// Reads the pass's code from a photo of the owner's QR code (the guard's camera, or an image file): SkiaSharp decodes
/// the image, ZXing finds the QR code in its pixels. The owner's QR code holds the pass's code itself (PassQr, and
/// security-gate's PNG), so its text is the code the guard would paste.
/// </summary>
public static class PassQrReader
{
    /// <summary>The largest image read: a phone camera's photo is a few MB.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// A photo's longest side is brought down to about this before the search: a QR code filling part of a 12-megapixel
    /// photo still has several pixels per module, and the search takes a fraction of the time.
    /// </summary>
    private const int MaxSide = 1600;

    public static PassScanResult Read(byte[] image)
    {
        if (image.LongLength > MaxBytes)
        {
            return new PassScanResult(PassScan.TooLarge);
        }

        // No codec knows the bytes: not a picture (SKBitmap.Decode would throw rather than answer null).
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return new PassScanResult(PassScan.NotAnImage);
        }

        // A camera's JPEG is decoded straight at a smaller size (the codec's own 1/2, 1/4, 1/8 steps: a 12-megapixel
        // photo in a tenth of the time of a full decode and resize); other pictures at the size they are.
        var scale = Math.Min(1f, (float)MaxSide / Math.Max(codec.Info.Width, codec.Info.Height));
        var size = codec.GetScaledDimensions(scale);
        // Unpremultiplied RGBA as ZXing's RGBA32 expects (it reads a transparent pixel as white, as the picture looks).
        using var pixels = SKBitmap.Decode(codec, new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (pixels is null || pixels.Width == 0 || pixels.Height == 0)
        {
            return new PassScanResult(PassScan.NotAnImage);
        }

        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var found = reader.Decode(new RGBLuminanceSource(pixels.Bytes, pixels.Width, pixels.Height, RGBLuminanceSource.BitmapFormat.RGBA32));
        return string.IsNullOrWhiteSpace(found?.Text)
            ? new PassScanResult(PassScan.NoQrCode)
            : new PassScanResult(PassScan.Read, found.Text.Trim());
    }
}
