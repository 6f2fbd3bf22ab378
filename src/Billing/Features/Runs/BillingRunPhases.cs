using System.Diagnostics;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>
/// Where a run's time went, phase by phase, so the log of a slow run (and the benchmark) says what to look at: a large
/// estate's run is minutes of work in one transaction.
/// </summary>
public sealed class BillingRunPhases
{
    public const string Load = "load";
    public const string Compute = "compute";
    public const string Insert = "insert";
    public const string Audit = "audit";
    public const string Outbox = "outbox";
    public const string Credit = "credit";
    public const string Progress = "progress";
    public const string Commit = "commit";

    private readonly Dictionary<string, TimeSpan> _spent = [];

    public IReadOnlyDictionary<string, TimeSpan> Spent
    {
        get
        {
            lock (_spent)
            {
                return new Dictionary<string, TimeSpan>(_spent);
            }
        }
    }

    /// <summary>Adds the time until the returned scope is disposed to <paramref name="phase"/>.</summary>
    public Scope Time(string phase) => new(this, phase, Stopwatch.GetTimestamp());

    public override string ToString() =>
        string.Join(", ", Spent.Select(p => $"{p.Key} {p.Value.TotalMilliseconds:0} ms"));

    private void Add(string phase, TimeSpan elapsed)
    {
        lock (_spent)
        {
            _spent[phase] = _spent.GetValueOrDefault(phase) + elapsed;
        }
    }

    public readonly struct Scope(BillingRunPhases phases, string phase, long started) : IDisposable
    {
        public void Dispose() => phases.Add(phase, Stopwatch.GetElapsedTime(started));
    }
}
