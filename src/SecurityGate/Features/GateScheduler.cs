using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.FireSafety;
using PropertyPlatform.SecurityGate.Features.Patrols;

namespace PropertyPlatform.SecurityGate.Features;

/// <summary>Lays out what the gate must do on a schedule (patrol rounds, fire-safety checks) so each has its deadline before it is due.</summary>
public sealed class GateScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<GateScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SecurityGateDbContext>();
                await PatrolScheduler.LayOutAsync(db, time.GetUtcNow(), stoppingToken);
                await FireCheckScheduling.LayOutAsync(db, time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Nothing is laid out twice: the next pass tries again.
                logger.LogWarning(ex, "Laying out the gate's schedules failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
