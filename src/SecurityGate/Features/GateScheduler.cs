using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.FireSafety;
using PropertyPlatform.SecurityGate.Features.Patrols;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.SecurityGate.Features;

/// <summary>Lays out what the gate must do on a schedule (patrol rounds, fire-safety checks) so each has its deadline before it is due.</summary>
public sealed class GateScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<GateScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Description => "Laying out the gate's schedules";

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<SecurityGateDbContext>();
        await PatrolScheduler.LayOutAsync(db, now, cancellationToken);
        await FireCheckScheduling.LayOutAsync(db, now, cancellationToken);
    }
}
