using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Writes each resource's state and health changes to the AppHost's console (a terminal user and CI logs see what the
/// dashboard shows): "reception: Running, Healthy", "maintenance: Exited (exit code 137)".
/// </summary>
internal sealed class ResourceStateLog(ResourceNotificationService notifications, ILogger<ResourceStateLog> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                var snapshot = update.Snapshot;
                var state = snapshot.State?.Text ?? "Unknown";
                var text = snapshot.ExitCode is { } exitCode && state is "Exited" or "Finished" or "FailedToStart"
                    ? $"{state} (exit code {exitCode})"
                    : snapshot.HealthStatus is { } health && state == "Running" ? $"{state}, {health}" : state;
                if (last.GetValueOrDefault(update.Resource.Name) != text)
                {
                    last[update.Resource.Name] = text;
                    logger.LogInformation("{Resource}: {State}", update.Resource.Name, text);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class ResourceStateLogExtensions
{
    /// <summary>Logs every resource's state changes to the console.</summary>
    public static IDistributedApplicationBuilder AddResourceStateLog(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ResourceStateLog>();
        return builder;
    }
}
