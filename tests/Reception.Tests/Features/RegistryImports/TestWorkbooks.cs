using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace PropertyPlatform.Reception.Tests.Features.RegistryImports;

/// <summary>
/// XLSX files written part by part, as raw OpenXML: ordinary workbooks as a spreadsheet program saves them (strings in
/// the shared-string table), and the malicious ones no spreadsheet program would make.
/// </summary>
internal static class TestWorkbooks
{
    private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook of one sheet holding <paramref name="rows"/> from A1: strings shared, numbers as numbers.</summary>
    public static byte[] Of(params object[][] rows)
    {
        var strings = new List<string>();
        return Parts(
            sheetData =>
            {
                for (var r = 0; r < rows.Length; r++)
                {
                    sheetData.Write($"<row r=\"{r + 1}\">");
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        var reference = $"{(char)('A' + c)}{r + 1}";
                        if (rows[r][c] is string text)
                        {
                            sheetData.Write($"<c r=\"{reference}\" t=\"s\"><v>{strings.Count}</v></c>");
                            strings.Add(text);
                        }
                        else
                        {
                            sheetData.Write($"<c r=\"{reference}\"><v>{Convert.ToString(rows[r][c], CultureInfo.InvariantCulture)}</v></c>");
                        }
                    }

                    sheetData.Write("</row>");
                }
            },
            sharedStrings =>
            {
                sharedStrings.Write($"<sst xmlns=\"{SheetNamespace}\" count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">");
                foreach (var text in strings)
                {
                    sharedStrings.Write($"<si><t>{SecurityElement.Escape(text)}</t></si>");
                }

                sharedStrings.Write("</sst>");
            });
    }

    /// <summary>
    /// A workbook whose first sheet's <c>sheetData</c> and (optionally) shared-string table are whatever the callbacks
    /// write. The sheet is written first, so a shared-string callback can use what the sheet callback collected.
    /// </summary>
    public static byte[] Parts(Action<TextWriter> writeSheetData, Action<TextWriter>? writeSharedStrings = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", w => w.Write(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                (writeSharedStrings is null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>") +
                "</Types>"));
            Entry(zip, "_rels/.rels", w => w.Write(
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>"));
            Entry(zip, "xl/workbook.xml", w => w.Write(
                $"<workbook xmlns=\"{SheetNamespace}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                "<sheets><sheet name=\"Units\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Entry(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                (writeSharedStrings is null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>") +
                "</Relationships>"));
            Entry(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<worksheet xmlns=\"{SheetNamespace}\"><sheetData>");
                writeSheetData(w);
                w.Write("</sheetData></worksheet>");
            });
            if (writeSharedStrings is not null)
            {
                Entry(zip, "xl/sharedStrings.xml", writeSharedStrings);
            }
        }

        return stream.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
        write(writer);
    }
}
