using System.Globalization;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>One measured scenario: its latencies and the CPU seconds each process spent while it ran (its drain included).</summary>
public sealed record Measured(ScenarioResult Result, IReadOnlyDictionary<string, double> CpuSeconds, int Operations)
{
    public string Name => Result.Name;

    /// <summary>CPU seconds per 1,000 operations of one process, or blank when it did (next to) nothing.</summary>
    public string CpuPer1000(string process) =>
        CpuSeconds.TryGetValue(process, out var seconds) && seconds >= 0.005
            ? (seconds * 1000 / Math.Max(1, Operations)).ToString("0.00", CultureInfo.InvariantCulture)
            : "";
}

/// <summary>A ratio the issue sets a target for: measured against its baseline from the same run.</summary>
public sealed record Ratio(string What, string Baseline, double Value, string Target, bool? Met, string Unit = "×")
{
    public static Ratio Of(string what, string baseline, double measured, double against, string target, Func<double, bool>? met = null)
    {
        var value = measured / against;
        return new Ratio(what, baseline, value, target, met?.Invoke(value));
    }
}

/// <summary>The run's two tables: every scenario with its latencies and CPU per 1,000 operations, then the ratios.</summary>
public static class RunReport
{
    public static void Print(IReadOnlyList<Measured> scenarios, IReadOnlyList<Ratio> ratios, IReadOnlyList<string> processes)
    {
        var shown = processes.Where(p => scenarios.Any(s => s.CpuPer1000(p).Length > 0)).ToList();
        string[] header = ["scenario", "count", "failed", "req/s", "p50 ms", "p99 ms", .. shown.Select(p => $"CPU s/1k {p}")];
        var rows = scenarios.Select(s => (string[])
        [
            s.Name, N(s.Result.Count), N(s.Result.Failures), F(s.Result.Throughput, "0.0"), Latency.Ms(s.Result.Percentile(50)),
            Latency.Ms(s.Result.Percentile(99)), .. shown.Select(s.CpuPer1000),
        ]).ToList();
        Report.Table(header, rows);

        Console.WriteLine();
        Report.Table(
            ["ratio", "against (same run)", "value", "target", "met"],
            [.. ratios.Select(r => new[] { r.What, r.Baseline, F(r.Value, "0.00") + r.Unit, r.Target, r.Met switch { true => "yes", false => "NO", null => "" } })]);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
