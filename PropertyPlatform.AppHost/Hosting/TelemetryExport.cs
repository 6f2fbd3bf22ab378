using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Where the services send their telemetry. Aspire gives every project the dashboard's OTLP address, even when the
/// dashboard is not started (tests, the benchmark): the exporters then try a closed port every second, each try a
/// failed connection and an exception, in every service process. Measured on reception under load, that was a fifth
/// of its busy threads' time. Without a dashboard a service exports nothing; a run that brings its own receiver (the
/// end-to-end tests' collector) sets the address after this, and that wins.
/// </summary>
public static class TelemetryExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Leaves the dashboard's OTLP address out of <paramref name="project"/>'s environment when no dashboard runs.</summary>
    public static IResourceBuilder<T> WithTelemetryOnlyToARunningDashboard<T>(this IResourceBuilder<T> project)
        where T : IResourceWithEnvironment =>
        project.WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsPublishMode)
            {
                return;
            }

            var options = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationOptions>();
            if (options.DisableDashboard)
            {
                context.EnvironmentVariables.Remove(EndpointVariable);
            }
        });
}
