using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

/// <summary>AddMessaging: the broker connection from Aspire.RabbitMQ.Client next to MassTransit's own transport.</summary>
public sealed class MessagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_whose_broker_is_down_starts_and_reports_the_broker_unhealthy()
    {
        using var host = Service(NoBrokerUri()).Build();

        await host.StartAsync(Ct);
        try
        {
            var probe = Stopwatch.StartNew();
            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct);

            report.Entries.Should().ContainKey("RabbitMQ.Client")
                .WhoseValue.Status.Should().Be(HealthStatus.Unhealthy);
            probe.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "a probe answers at once instead of waiting out connection retries");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void MassTransit_usage_telemetry_is_off()
    {
        using var host = Service(NoBrokerUri()).Build();

        host.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled.Should()
            .BeFalse("the product must not report to MassTransit's servers");
    }

    private static HostApplicationBuilder Service(string brokerUri)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration[$"ConnectionStrings:{MessagingExtensions.ConnectionName}"] = brokerUri;
        builder.AddMessaging("test");
        return builder;
    }

    /// <summary>A loopback port nothing listens on: connecting is refused at once.</summary>
    private static string NoBrokerUri()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"amqp://guest:guest@127.0.0.1:{port}/";
    }
}
