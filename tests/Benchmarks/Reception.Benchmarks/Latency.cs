using System.Globalization;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// The one definition of a latency percentile and the one way a latency is printed, so every table (the scenarios',
/// the event path's hops, maintenance's benchmark) reads its figures the same way.
/// </summary>
public static class Latency
{
    /// <summary>
    /// Nearest-rank percentile over every value (no sampling, no histogram buckets, no interpolation): the smallest
    /// value such that at least <paramref name="percent"/> % of the values are no larger. NaN when there are none.
    /// </summary>
    /// <param name="sorted">The values in ascending order.</param>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>Milliseconds to one decimal, culture-invariant.</summary>
    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
