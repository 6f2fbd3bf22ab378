using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Payments;

/// <summary>
/// A payment's receipt as a PDF (PDFsharp 6.2.4, MIT): its number, the estate, the unit, when and how it was paid, the
/// items it settled and any credit left. Drawn with the Segoe WP fonts PDFsharp ships, so no server fonts are needed;
/// those fonts have no Chinese glyphs, so the receipt's own wording is English and names are printed as registered.
/// </summary>
public static class ReceiptPdf
{
    public const string ContentType = "application/pdf";

    public static RouteGroupBuilder MapReceiptPdfApi(this RouteGroupBuilder api)
    {
        api.MapGet("/payments/{id:guid}/receipt.pdf", Download).WithTags("Payments").RequireRoles([.. BillingRoles.Readers, PlatformRoles.Owner]);
        return api;
    }

    public static async Task<FileContentHttpResult> Download(Guid id, BillingDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null || (scope.IsOwnerOnly && !scope.UnitIds.Contains(payment.UnitId)))
        {
            throw new NotFoundException("Payment", id);
        }

        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.UnitId == payment.UnitId, cancellationToken);
        var estate = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleAsync(c => c.EstateId == payment.EstateId, cancellationToken);
        var settled = await db.Allocations.AsNoTracking().Where(a => a.PaymentId == id)
            .Join(db.Receivables, a => a.ReceivableId, r => r.Id, (a, r) => new { r.Description, r.FeeItem, r.DueOn, a.Amount })
            .OrderBy(x => x.DueOn).ToListAsync(cancellationToken);
        var receivedAt = estate.ToCalendar().ToLocal(payment.ReceivedAt);
        var lines = settled.Select(s => (Text: $"{s.FeeItem.Name()} due {s.DueOn:yyyy-MM-dd}: {s.Description}", s.Amount)).ToList();
        var reversal = await db.PaymentReversals.AsNoTracking().SingleOrDefaultAsync(v => v.PaymentId == id, cancellationToken);
        var reversed = reversal is null
            ? null
            : $"REVERSED {estate.ToCalendar().ToLocal(reversal.ReversedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}: {reversal.Reason}";
        var pdf = Draw(payment, estate.Name, unit.Number, receivedAt, lines, reversed);
        return TypedResults.File(pdf, ContentType, $"{payment.ReceiptNumber}.pdf");
    }

    internal static byte[] Draw(
        Payment payment, string estateName, string unitNumber, DateTimeOffset receivedAtLocal, IReadOnlyList<(string Text, decimal Amount)> lines, string? reversed = null)
    {
        BundledFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Receipt {payment.ReceiptNumber}";
        document.Info.Subject = $"Payment {payment.Id}";
        var page = document.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(BundledFonts.Family, 18, XFontStyleEx.Bold);
            var text = new XFont(BundledFonts.Family, 11, XFontStyleEx.Regular);
            var y = 60d;
            void Line(string value, XFont font, double step = 18)
            {
                graphics.DrawString(value, font, XBrushes.Black, new XPoint(50, y));
                y += step;
            }

            string Money(decimal amount) => $"{BillingRounding.Format(amount, payment.Currency)} {payment.Currency}";
            Line($"Receipt {payment.ReceiptNumber}", title, 30);
            if (reversed is not null)
            {
                // The receipt keeps its number (receipts are gap-free) and says it no longer stands.
                Line(reversed, title, 30);
            }

            Line($"Estate: {estateName}", text);
            Line($"Unit: {unitNumber}", text);
            Line($"Received: {receivedAtLocal.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} (estate time)", text);
            Line($"Method: {PaymentMethods.Name(payment.Method)}", text);
            Line($"Received by: {payment.ReceivedBy}", text);
            Line($"Amount: {Money(payment.Amount)}", title, 30);
            Line("Settled:", text);
            foreach (var (description, amount) in lines)
            {
                Line($"  {description}  {Money(amount)}", text);
            }

            if (payment.Unallocated > 0m)
            {
                Line($"Credit kept on the account: {Money(payment.Unallocated)}", text);
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>PDFsharp needs a font resolver off Windows; this one serves the Segoe WP fonts bundled with PDFsharp.</summary>
    private sealed class BundledFonts : IFontResolver
    {
        public const string Family = "Segoe WP";

        private static readonly Lock Gate = new();

        public static void EnsureRegistered()
        {
            lock (Gate)
            {
                if (GlobalFontSettings.FontResolver is not BundledFonts)
                {
                    GlobalFontSettings.FontResolver = new BundledFonts();
                }
            }
        }

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "SegoeWP-Bold" : "SegoeWP", mustSimulateBold: false, mustSimulateItalic: italic);

        public byte[]? GetFont(string faceName) =>
            faceName == "SegoeWP-Bold" ? PdfSharp.WPFonts.FontDataHelper.SegoeWPBold : PdfSharp.WPFonts.FontDataHelper.SegoeWP;
    }
}
