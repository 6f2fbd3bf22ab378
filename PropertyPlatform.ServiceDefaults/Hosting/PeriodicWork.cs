using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PropertyPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Work a service does on a timer (opening the week's approvals, laying out patrol rounds, expiring certifications...):
/// once at start, then every <see cref="Interval"/> on the <see cref="TimeProvider"/>, each pass in a scope of its own. A
/// failed pass is logged and the next one tries again, so the work itself must be safe to repeat, on any replica.
/// </summary>
public abstract class PeriodicWork(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the log says failed: "Opening the weekly callback approvals".</summary>
    protected abstract string Description { get; }

    /// <summary>One pass, at <paramref name="now"/>, with services from the pass's own scope.</summary>
    protected abstract Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Work} failed; trying again in {Interval}", Description, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
