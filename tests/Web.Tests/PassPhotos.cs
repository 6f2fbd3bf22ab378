using System.Security.Cryptography;
using QRCoder;
using SkiaSharp;

namespace PropertyPlatform.Web.Tests;

/// <summary>Pictures a guard's camera could give: the owner's QR code as an image, as a photo, or no QR code at all.</summary>
internal static class PassPhotos
{
    /// <summary>A code shaped as security-gate signs one: GP1, 64 bytes of claims and a 64-byte signature, base64url.</summary>
    public static string Token() => $"GP1.{Base64Url(RandomNumberGenerator.GetBytes(64))}.{Base64Url(RandomNumberGenerator.GetBytes(64))}";

    /// <summary>The pass's QR code as the owner is shown it (QRCoder, error correction M, quiet zone), as a PNG.</summary>
    public static byte[] QrPng(string token) => PngByteQRCodeHelper.GetQRCode(token, QRCodeGenerator.ECCLevel.M, 8);

    /// <summary>The pass's QR code with black modules on a transparent background (an exported image, say).</summary>
    public static byte[] TransparentQrPng(string token)
    {
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8, [0, 0, 0, 255], [255, 255, 255, 0]);
    }

    /// <summary>
    /// An 8-megapixel photo of the owner's phone held up at the gate: the QR code on a greyish screen, turned 8°, on a
    /// grey background, saved as a JPEG.
    /// </summary>
    public static byte[] Photo(string token)
    {
        using var qr = SKImage.FromEncodedData(QrPng(token));
        return Jpeg(3264, 2448, canvas =>
        {
            using var screen = new SKPaint { Color = new SKColor(228, 228, 222) };
            canvas.Clear(new SKColor(128, 130, 126));
            canvas.Translate(1560, 1280);
            canvas.RotateDegrees(8);
            canvas.DrawRect(-600, -660, 1200, 1320, screen);
            canvas.DrawImage(qr, new SKRect(-520, -520, 520, 520), new SKSamplingOptions(SKFilterMode.Linear));
        });
    }

    /// <summary>A photo with shapes and no QR code.</summary>
    public static byte[] PhotoWithoutQr() => Jpeg(800, 600, canvas =>
    {
        using var dark = new SKPaint { Color = new SKColor(40, 40, 40) };
        canvas.Clear(new SKColor(128, 130, 126));
        canvas.DrawRect(100, 100, 200, 150, dark);
        canvas.DrawCircle(550, 350, 120, dark);
    });

    private static byte[] Jpeg(int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height))!;
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
