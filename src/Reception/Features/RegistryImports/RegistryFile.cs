using System.Globalization;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
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
/// whole, naming the form field <c>file</c>. A workbook is held to <see cref="XlsxLimits"/> before it is parsed, then
/// streamed row by row, keeping only the columns the header maps.
/// </summary>
internal static class RegistryFile
{
    public const string Field = "file";

    public const long MaxBytes = 20 * 1024 * 1024;

    public const int MaxRows = 50_000;

    public static readonly string[] RequiredColumns = ["buildingCode", "buildingName", "number", "floor", "floorArea", "usage"];

    public static readonly string[] OptionalColumns = ["status", "ownerName", "ownerPhone", "ownerIdNumber"];

    private static readonly string[] AllColumns = [.. RequiredColumns, .. OptionalColumns];

    /// <summary>A file this slow to read is refused rather than allowed to hold a thread (a sound file of the maximum size reads in a few seconds).</summary>
    public static readonly TimeSpan ReadTimeLimit = TimeSpan.FromSeconds(30);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Files are parsed a few at a time, so a burst of uploads cannot take every thread the service has.</summary>
    private static readonly SemaphoreSlim Readers = new(Math.Max(1, Environment.ProcessorCount / 2));

    private static readonly OpenXmlConfiguration Workbook = new()
    {
        // The limits bound the shared strings; keeping them in memory spares a temporary file of personal data.
        EnableSharedStringCache = false,
        FillMergedCells = false,
    };

    /// <summary>Reads the file on a thread of its own, within <see cref="ReadTimeLimit"/>.</summary>
    public static async Task<IReadOnlyList<ImportRow>> ReadAsync(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        await Readers.WaitAsync(cancellationToken);
        try
        {
            using var timeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeLimit.CancelAfter(ReadTimeLimit);
            return await Task.Run(() => Read(fileName, content, timeLimit.Token), timeLimit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ValidationFailedException(Field, $"Reading the file took longer than {ReadTimeLimit.TotalSeconds:0} seconds, the limit; split it.");
        }
        finally
        {
            Readers.Release();
        }
    }

    /// <summary>
    /// What a queued import keeps for its worker: the rows the upload already read and checked, as JSON, not the uploaded
    /// file. A workbook of 10,000 rows takes seconds to read; the worker would read it a second time.
    /// </summary>
    public static byte[] Queued(IReadOnlyList<ImportRow> rows) => JsonSerializer.SerializeToUtf8Bytes(rows);

    /// <summary>The rows a queued import kept (<see cref="Queued"/>); an import queued before rows were kept holds the file itself.</summary>
    public static async Task<IReadOnlyList<ImportRow>> ReadQueuedAsync(string fileName, byte[] content, CancellationToken cancellationToken) =>
        content is [(byte)'[', ..]
            ? JsonSerializer.Deserialize<List<ImportRow>>(content) ?? []
            : await ReadAsync(fileName, content, cancellationToken);

    private static IReadOnlyList<ImportRow> Read(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var table = extension switch
        {
            ".csv" => ReadCsv(content),
            ".xlsx" => ReadXlsx(content, cancellationToken),
            _ => throw new ValidationFailedException(Field, "Must be a .csv or .xlsx file."),
        };
        return ToRows(table);
    }

    /// <summary>
    /// The column positions the header maps (by known column name, from 0) and the data rows (with their row numbers),
    /// all cells as trimmed text.
    /// </summary>
    private sealed record Table(IReadOnlyDictionary<string, int> Columns, IReadOnlyList<(int Row, IReadOnlyList<string> Cells)> Rows);

    /// <summary>Where each known column is in the header row; an unknown, doubled or missing column refuses the file.</summary>
    private static Dictionary<string, int> MapColumns(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
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

        return index;
    }

    private static void RefuseTooManyRows() => throw new ValidationFailedException(Field, $"At most {MaxRows} rows per file; split it.");

    private static IReadOnlyList<ImportRow> ToRows(Table table)
    {
        var index = table.Columns;
        var rows = table.Rows.Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (rows.Count == 0)
        {
            throw new ValidationFailedException(Field, "The file has a header row but no data rows.");
        }

        if (rows.Count > MaxRows)
        {
            RefuseTooManyRows();
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

        return new Table(MapColumns(records[0].Cells), records.Skip(1).ToList());
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

    private static Table ReadXlsx(byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            XlsxLimits.Check(content, MaxRows, cancellationToken);
            using var stream = new MemoryStream(content, writable: false);
            // Without a header row each row is its cells by column letter (A, B, …); the limits bound how many.
            using var rows = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX, configuration: Workbook)
                .Cast<IDictionary<string, object?>>()
                .GetEnumerator();
            if (!rows.MoveNext())
            {
                throw new ValidationFailedException(Field, "The first worksheet is empty.");
            }

            var letters = rows.Current.Keys.ToList();
            var columns = MapColumns([.. letters.Select(letter => Text(rows.Current[letter]))]);
            var mapped = columns.ToDictionary(c => c.Key, c => letters[c.Value], StringComparer.OrdinalIgnoreCase);
            var data = new List<(int, IReadOnlyList<string>)>();
            var rowNumber = 1;
            var filled = 0;
            while (rows.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rowNumber++;
                // Only the mapped columns, at the positions the header gave them; the rest of the row is never copied.
                var cells = new string[letters.Count];
                Array.Fill(cells, "");
                foreach (var (column, letter) in mapped)
                {
                    cells[columns[column]] = Text(rows.Current[letter]);
                }

                if (cells.Any(c => c.Length > 0) && ++filled > MaxRows)
                {
                    RefuseTooManyRows();
                }

                data.Add((rowNumber, cells));
            }

            return new Table(columns, data);
        }
        catch (Exception ex) when (ex is not (ValidationFailedException or OperationCanceledException))
        {
            // Whatever a damaged or foreign file makes the reader throw, it is the file that is wrong.
            throw new ValidationFailedException(Field, "Not a readable XLSX workbook.");
        }
    }

    /// <summary>A cell as text; numbers exactly as decimals in invariant culture (89.55, not a float's 89.5499…).</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        double number when Math.Abs(number) < 1e15 => ((decimal)number).ToString(CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };
}
