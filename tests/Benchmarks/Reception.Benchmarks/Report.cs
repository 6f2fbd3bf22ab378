using System.Globalization;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>The results as a plain table on stdout.</summary>
public static class Report
{
    public static void Print(IReadOnlyList<ScenarioResult> results)
    {
        string[] header = ["scenario", "conc", "count", "failed", "p50", "p95", "p99", "max", "req/s"];
        var rows = results.Select(r => new[]
        {
            r.Name, Number(r.Concurrency), Number(r.Count), Number(r.Failures),
            Latency.Ms(r.Percentile(50)), Latency.Ms(r.Percentile(95)), Latency.Ms(r.Percentile(99)), Latency.Ms(r.Max), r.Throughput.ToString("0.0", CultureInfo.InvariantCulture),
        }).ToList();
        Table(header, rows);
    }

    /// <summary>A Markdown table: the first column left-aligned, the figures right-aligned.</summary>
    public static void Table(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
