using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Benchmarks;

/// <summary>
/// Billing in process, exactly as its integration tests run it (its own database, the real broker, tokens it validates),
/// with the production chunk size, and the run worker's closing log line kept: it says where the run's time went.
/// </summary>
public sealed class BillingUnderLoad : ServiceUnderTest<Program>
{
    public RunLog RunLog { get; } = new();

    protected override string DatabaseConnectionName => BillingServiceExtensions.DatabaseName;

    public override string Audience => BillingServiceExtensions.ServiceName;

    protected override void ConfigureService(IWebHostBuilder web) => web
        .UseSetting($"Logging:LogLevel:{typeof(BillingRunWorker).FullName}", "Information")
        .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(RunLog));
}

/// <summary>Keeps the phases the run worker logs when a run is posted.</summary>
public sealed class RunLog : ILoggerProvider, ILogger
{
    private readonly List<(Guid RunId, BillingRunPhases Phases)> _posted = [];

    public BillingRunPhases? PhasesOf(Guid runId)
    {
        lock (_posted)
        {
            return _posted.LastOrDefault(p => p.RunId == runId).Phases;
        }
    }

    public ILogger CreateLogger(string categoryName) => categoryName == typeof(BillingRunWorker).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }

        if (values.FirstOrDefault(v => v.Key == "Phases").Value is BillingRunPhases phases && values.FirstOrDefault(v => v.Key == "RunId").Value is Guid runId)
        {
            lock (_posted)
            {
                _posted.Add((runId, phases));
            }
        }
    }

    public void Dispose()
    {
    }
}
