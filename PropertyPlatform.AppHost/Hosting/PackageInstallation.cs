using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Before the orchestrator starts anything, makes sure Debian's packages are installed (the image pull of an
/// executable resource). A refused install stops the AppHost with the reason, before any resource has started.
/// </summary>
internal static class PackageInstallation
{
    private sealed class Marker;

    public static void Require(IDistributedApplicationBuilder builder)
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(Marker)) || !builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        builder.Services.AddSingleton<Marker>();
        builder.Eventing.Subscribe<BeforeStartEvent>(async (@event, ct) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PropertyPlatform.AppHost.Packages");
            await PackageAcquirer.EnsureInstalledAsync(line => logger.LogInformation("{Line}", line), ct);
        });
    }
}
