using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PropertyPlatform.ServiceDefaults.Tests.Hosting;

/// <summary>What a service's console keeps: its own lines, and the HTTP clients' resilience pipeline only when it has to act.</summary>
public sealed class ServiceLoggingTests
{
    [Fact]
    public async Task The_resilience_pipelines_line_for_every_call_is_left_out_and_its_warnings_are_kept()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        var polly = loggers.CreateLogger(ServiceDefaultsExtensions.PollyLogCategory);
        polly.IsEnabled(LogLevel.Information).Should().BeFalse("every HTTP call would log two lines");
        polly.IsEnabled(LogLevel.Warning).Should().BeTrue("a retry, a timeout or an open circuit is worth a line");
        loggers.CreateLogger("PropertyPlatform.Maintenance.Consumers").IsEnabled(LogLevel.Information).Should().BeTrue("the service's own lines stay");
    }
}
