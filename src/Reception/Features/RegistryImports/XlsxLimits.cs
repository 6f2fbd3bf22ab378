using System.IO.Compression;
using System.Xml;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.RegistryImports;

/// <summary>
/// What an uploaded workbook may unpack to, checked before any spreadsheet reader sees it: a few hundred kilobytes of
/// zip can hold gigabytes of XML (a zip bomb), and one cell in column XFD makes a reader size every row sixteen
/// thousand cells wide. The zip's own directory gives the sizes; the worksheets are then streamed through once,
/// keeping nothing but the largest row and column seen. Each refusal names the limit.
/// </summary>
internal static class XlsxLimits
{
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    /// <summary>Spreadsheet XML packs 5 to 20 times; a part packed a hundred times tighter is made to be unpacked.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>The import has ten columns; room for notes beside them, not for a sheet sixteen thousand columns wide.</summary>
    public const int MaxColumns = 64;

    /// <summary>A worksheet nests about eight elements deep; more is a parser's stack, not data.</summary>
    public const int MaxXmlDepth = 32;

    /// <summary>Small parts (styles, themes) may pack tightly without holding anything dangerous.</summary>
    private const long RatioCheckedFrom = 1024 * 1024;

    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
    };

    /// <param name="maxRows">Data rows allowed under the header row.</param>
    public static void Check(byte[] content, int maxRows, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        long unpacked = 0;
        foreach (var entry in zip.Entries)
        {
            // The declared sizes are what .NET's unzipping holds each entry to, so they can be trusted as limits.
            unpacked += entry.Length;
            if (entry.Length > RatioCheckedFrom && entry.Length > entry.CompressedLength * MaxCompressionRatio)
            {
                Refuse($"The part {entry.FullName} unpacks from {Size(entry.CompressedLength)} to {Size(entry.Length)}; at most {MaxCompressionRatio} times its packed size is accepted.");
            }

            if (unpacked > MaxUnpackedBytes)
            {
                Refuse($"The workbook unpacks to more than {Size(MaxUnpackedBytes)} (reached at its part {entry.FullName}); at most {Size(MaxUnpackedBytes)} is accepted: split it.");
            }
        }

        foreach (var entry in zip.Entries.Where(IsWorksheetOrSharedStrings))
        {
            CheckPart(entry, maxRows, cancellationToken);
        }
    }

    private static bool IsWorksheetOrSharedStrings(ZipArchiveEntry entry) =>
        entry.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase)
        || (entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase)
            && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase));

    /// <summary>Streams a part once: its depth, and for a worksheet its declared dimension and every row and cell position.</summary>
    private static void CheckPart(ZipArchiveEntry entry, int maxRows, CancellationToken cancellationToken)
    {
        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, Xml);
        var row = 0;
        var column = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Depth > MaxXmlDepth)
            {
                Refuse($"The part {entry.FullName} nests elements more than {MaxXmlDepth} deep; at most {MaxXmlDepth} levels are accepted.");
            }

            switch (reader.LocalName)
            {
                case "dimension" when reader.GetAttribute("ref") is { } range:
                    // Readers size every row by the declared dimension, whatever the cells say.
                    var (lastColumn, lastRow) = CellReference.Parse(range[(range.LastIndexOf(':') + 1)..]);
                    CheckPosition(entry, lastColumn, lastRow, maxRows);
                    break;
                case "row":
                    cancellationToken.ThrowIfCancellationRequested();
                    row = reader.GetAttribute("r") is { } r && int.TryParse(r, out var number) ? number : row + 1;
                    column = 0;
                    CheckPosition(entry, column, row, maxRows);
                    break;
                case "c":
                    // A cell without a reference is the one after the previous cell.
                    column = reader.GetAttribute("r") is { } reference ? CellReference.Parse(reference).Column : column + 1;
                    CheckPosition(entry, column, row, maxRows);
                    break;
            }
        }
    }

    private static void CheckPosition(ZipArchiveEntry entry, int column, int row, int maxRows)
    {
        if (column > MaxColumns)
        {
            Refuse($"At most {MaxColumns} columns are read; the sheet {entry.FullName} has a cell in column {CellReference.ColumnName(column)} (the {column}th). Delete what is right of the import's columns.");
        }

        if (row > maxRows + 1)
        {
            Refuse($"At most {maxRows} rows per file, under the header row; the sheet {entry.FullName} reaches row {row}. Split it, or delete what is below the data.");
        }
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{(bytes + 1023) / 1024} KB";

    private static void Refuse(string message) => throw new ValidationFailedException(RegistryFile.Field, message);

    /// <summary>A1-style cell references: column letters, then the row number.</summary>
    internal static class CellReference
    {
        /// <summary>Column and row (both from 1) of a reference such as <c>XFD50000</c>; 0 for a part that is missing.</summary>
        public static (int Column, int Row) Parse(string reference)
        {
            var column = 0;
            var i = 0;
            // Six letters already pass any limit; stopping there keeps a hostile reference from overflowing an int.
            for (; i < reference.Length && char.IsAsciiLetter(reference[i]) && i < 6; i++)
            {
                column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            }

            var row = int.TryParse(reference.AsSpan(i), out var number) ? number : 0;
            return (column, row);
        }

        public static string ColumnName(int column)
        {
            var name = "";
            for (; column > 0; column = (column - 1) / 26)
            {
                name = (char)('A' + ((column - 1) % 26)) + name;
            }

            return name;
        }
    }
}
