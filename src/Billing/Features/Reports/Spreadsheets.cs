using ClosedXML.Excel;

namespace PropertyPlatform.Billing.Features.Reports;

/// <summary>Billing's reports as XLSX (ClosedXML, as reception's reports): one sheet per table, a header row, then the rows.</summary>
internal static class Spreadsheets
{
    public sealed record Sheet(string Name, string[] Headers, IEnumerable<object?[]> Rows);

    public static byte[] Write(params Sheet[] sheets)
    {
        using var workbook = new XLWorkbook();
        foreach (var sheet in sheets)
        {
            var worksheet = workbook.Worksheets.Add(sheet.Name);
            for (var column = 0; column < sheet.Headers.Length; column++)
            {
                worksheet.Cell(1, column + 1).Value = sheet.Headers[column];
            }

            var row = 2;
            foreach (var values in sheet.Rows)
            {
                for (var column = 0; column < values.Length; column++)
                {
                    worksheet.Cell(row, column + 1).Value = values[column] switch
                    {
                        null => "",
                        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        DateTimeOffset at => at.UtcDateTime,
                        var value => value,
                    };
                }

                row++;
            }

            // Not AdjustToContents: ClosedXML 0.95 measures text with System.Drawing, which Linux does not have.
            worksheet.Columns(1, sheet.Headers.Length).Width = 18;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
