using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.RegistryImports;

/// <summary>One data row of an import file, as text, with its row number in the file (the header is row 1).</summary>
public sealed record ImportRow(
    int Row,
    string BuildingCode,
    string BuildingName,
    string Number,
    string Floor,
    string FloorArea,
    string Usage,
    string Status,
    string OwnerName,
    string OwnerPhone,
    string OwnerIdNumber)
{
    public bool HasOwner => OwnerName.Length > 0 || OwnerPhone.Length > 0 || OwnerIdNumber.Length > 0;
}

/// <summary>
/// Reads an import file: CSV (UTF-8, comma-separated, RFC 4180 quoting) or XLSX (the first worksheet), a header row
/// naming the columns (any order, case-insensitive), one unit per row. A file that cannot be read is refused as a
/// whole, naming the form field <c>file</c>.
/// </summary>
internal static class RegistryFile
{
    public const string Field = "file";

    public const long MaxBytes = 20 * 1024 * 1024;

    public const int MaxRows = 50_000;

    public static readonly string[] RequiredColumns = ["buildingCode", "buildingName", "number", "floor", "floorArea", "usage"];

    public static readonly string[] OptionalColumns = ["status", "ownerName", "ownerPhone", "ownerIdNumber"];

    private static readonly string[] AllColumns = [.. RequiredColumns, .. OptionalColumns];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<ImportRow> Read(string fileName, byte[] content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var table = extension switch
        {
            ".csv" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content),
            _ => throw new ValidationFailedException(Field, "Must be a .csv or .xlsx file."),
        };
        return ToRows(table);
    }

    /// <summary>The header row and the data rows (with their row numbers), all cells as trimmed text.</summary>
    private sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<(int Row, IReadOnlyList<string> Cells)> Rows);

    private static IReadOnlyList<ImportRow> ToRows(Table table)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i];
            if (name.Length == 0)
            {
                continue;
            }

            var known = AllColumns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add($"Unknown column '{name}'.");
            }
            else if (!index.TryAdd(known, i))
            {
                problems.Add($"Column '{known}' appears twice.");
            }
        }

        var missing = RequiredColumns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"Missing column(s): {string.Join(", ", missing)}. The header row names the columns: {string.Join(", ", AllColumns)}.");
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { [Field] = [.. problems] });
        }

        var rows = table.Rows.Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0)
        {
            throw new ValidationFailedException(Field, "The file has a header row but no data rows.");
        }

        if (rows.Count > MaxRows)
        {
            throw new ValidationFailedException(Field, $"At most {MaxRows} rows per file; split it.");
        }

        return [.. rows.Select(r =>
        {
            string Cell(string column) => index.TryGetValue(column, out var i) && i < r.Cells.Count ? r.Cells[i] : "";
            return new ImportRow(r.Row, Cell("buildingCode"), Cell("buildingName"), Cell("number"), Cell("floor"), Cell("floorArea"),
                Cell("usage"), Cell("status"), Cell("ownerName"), Cell("ownerPhone"), Cell("ownerIdNumber"));
        })];
    }

    private static Table ReadCsv(byte[] content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new ValidationFailedException(Field, "A CSV file must be UTF-8 text (save it as \"CSV UTF-8\").");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ValidationFailedException(Field, "Not a CSV text file.");
        }

        var records = ParseCsv(text.TrimStart('\uFEFF'));
        if (records.Count == 0)
        {
            throw new ValidationFailedException(Field, "The file is empty.");
        }

        return new Table(records[0].Cells, records.Skip(1).ToList());
    }

    /// <summary>RFC 4180: comma-separated, fields optionally in double quotes (a quote inside doubled), CRLF or LF.</summary>
    private static List<(int Row, IReadOnlyList<string> Cells)> ParseCsv(string text)
    {
        var records = new List<(int, IReadOnlyList<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var row = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString().Trim());
                cell.Clear();
                records.Add((row++, cells));
                cells = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (inQuotes)
        {
            throw new ValidationFailedException(Field, $"Row {row}: a quoted field is not closed.");
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString().Trim());
            records.Add((row, cells));
        }

        return records;
    }

    private static Table ReadXlsx(byte[] content)
    {
        try
        {
            using var workbook = new XLWorkbook(new MemoryStream(content));
            var sheet = workbook.Worksheets.FirstOrDefault()
                ?? throw new ValidationFailedException(Field, "The workbook has no worksheet.");
            var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
            var header = Enumerable.Range(1, lastColumn).Select(c => Text(sheet.Cell(1, c))).ToList();
            var rows = sheet.RowsUsed()
                .Where(r => r.RowNumber() > 1)
                .Select(r => (r.RowNumber(), (IReadOnlyList<string>)[.. Enumerable.Range(1, lastColumn).Select(c => Text(r.Cell(c)))]))
                .ToList();
            return new Table(header, rows);
        }
        catch (Exception ex) when (ex is not ValidationFailedException)
        {
            // Whatever a damaged or foreign file makes the reader throw, it is the file that is wrong.
            throw new ValidationFailedException(Field, "Not a readable XLSX workbook.");
        }
    }

    /// <summary>A cell as text; numbers exactly as decimals in invariant culture (89.55, not a float's 89.5499…).</summary>
    private static string Text(IXLCell cell) => cell.DataType == XLDataType.Number && cell.TryGetValue<double>(out var number)
        ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
        : cell.GetString().Trim();
}
