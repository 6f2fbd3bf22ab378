using System.Diagnostics;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>What one scenario measured: every request's latency, failures apart, and the wall time of the run.</summary>
public sealed record ScenarioResult(string Name, int Concurrency, double[] LatenciesMs, int Failures, TimeSpan Elapsed)
{
    public int Count => LatenciesMs.Length;

    /// <summary>Completed (successful) requests per second over the whole measured run.</summary>
    public double Throughput => Count / Elapsed.TotalSeconds;

    public double Max => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs[^1];

    /// <summary>The nearest-rank percentile of every measured latency (see <see cref="Latency.Percentile"/>).</summary>
    public double Percentile(double percent) => Latency.Percentile(LatenciesMs, percent);
}

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each send their next request as soon as the previous one answered,
/// until <c>count</c> requests were sent; a warm-up run first (JIT, connection pools, plan caches) is not recorded.
/// </summary>
public static class LoadRunner
{
    /// <param name="measuring">Called after the warm-up, just before the measured run (to take the CPU snapshot).</param>
    public static async Task<ScenarioResult> RunAsync(
        string name, int count, int warmup, int concurrency, Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken,
        Action? measuring = null)
    {
        await RunLoopAsync(warmup, concurrency, send, null, cancellationToken);
        measuring?.Invoke();

        var latencies = new double[count];
        var ok = new bool[count];
        var clock = Stopwatch.StartNew();
        await RunLoopAsync(count, concurrency, send, (i, ms, success) => (latencies[i], ok[i]) = (ms, success), cancellationToken);
        clock.Stop();

        var measured = latencies.Where((_, i) => ok[i]).Order().ToArray();
        return new ScenarioResult(name, concurrency, measured, ok.Count(s => !s), clock.Elapsed);
    }

    /// <summary>
    /// An open-loop load at a fixed rate: request <c>i</c> is sent at <c>i / rate</c> seconds whether or not the earlier
    /// ones answered, so the latencies are those of a system that is not saturated (no coordinated omission).
    /// </summary>
    public static async Task<ScenarioResult> RunAtRateAsync(
        string name, int count, int warmup, double perSecond, Func<int, CancellationToken, Task<bool>> send, CancellationToken cancellationToken,
        Action? measuring = null)
    {
        await RunPacedAsync(warmup, perSecond, send, null, cancellationToken);
        measuring?.Invoke();
        var latencies = new double[count];
        var ok = new bool[count];
        var clock = Stopwatch.StartNew();
        await RunPacedAsync(count, perSecond, send, (i, ms, success) => (latencies[i], ok[i]) = (ms, success), cancellationToken);
        clock.Stop();
        var measured = latencies.Where((_, i) => ok[i]).Order().ToArray();
        return new ScenarioResult(name, 0, measured, ok.Count(s => !s), clock.Elapsed);
    }

    private static async Task RunPacedAsync(
        int count, double perSecond, Func<int, CancellationToken, Task<bool>> send, Action<int, double, bool>? record, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                bool success;
                try
                {
                    success = await send(index, cancellationToken);
                }
                catch (HttpRequestException)
                {
                    success = false;
                }

                record?.Invoke(index, Stopwatch.GetElapsedTime(started).TotalMilliseconds, success);
            }, cancellationToken));
        }

        await Task.WhenAll(inFlight);
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
