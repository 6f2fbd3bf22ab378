using System.Diagnostics;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>What one scenario measured: every request's latency, failures apart, and the wall time of the run.</summary>
public sealed record ScenarioResult(string Name, int Concurrency, double[] LatenciesMs, int Failures, TimeSpan Elapsed)
{
    public int Count => LatenciesMs.Length;

    /// <summary>Completed (successful) requests per second over the whole measured run.</summary>
    public double Throughput => Count / Elapsed.TotalSeconds;

    public double Max => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[^1];

    /// <summary>
    /// Nearest-rank percentile over every measured latency (no sampling, no histogram buckets, no interpolation):
    /// the smallest latency such that at least <paramref name="percent"/> % of the requests took no longer.
    /// </summary>
    public double Percentile(double percent)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * LatenciesMs.Length);
        return LatenciesMs[Math.Clamp(rank, 1, LatenciesMs.Length) - 1];
    }
}

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send their next request as soon as the previous one answered,
/// until <c>count</c> requests were sent; a warm-up run first (JIT, connection pools, plan caches) is not recorded.
/// </summary>
public static class LoadRunner
{
    public static async Task<ScenarioResult> RunAsync(
        string name, int count, int warmup, int concurrency, Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        await RunLoopAsync(warmup, concurrency, send, null, cancellationToken);

        var latencies = new double[count];
        var ok = new bool[count];
        var clock = Stopwatch.StartNew();
        await RunLoopAsync(count, concurrency, send, (i, ms, success) => (latencies[i], ok[i]) = (ms, success), cancellationToken);
        clock.Stop();

        var measured = latencies.Where((_, i) => ok[i]).Order().ToArray();
        return new ScenarioResult(name, concurrency, measured, ok.Count(s => !s), clock.Elapsed);
    }

    private static async Task RunLoopAsync(
        int count, int concurrency, Func<int, CancellationToken, Task<bool>> send, Action<int, double, bool>? record, CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                bool success;
                try
                {
                    success = await send(i, cancellationToken);
                }
                catch (HttpRequestException)
                {
                    success = false;
                }

                record?.Invoke(i, Stopwatch.GetElapsedTime(started).TotalMilliseconds, success);
            }
        });
        await Task.WhenAll(workers);
    }
}
