using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The running platform seen from outside: the kernel's sockets, the broker's connections and log.</summary>
public sealed class RunningPlatformTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void By_default_no_port_of_the_platform_listens_beyond_loopback()
    {
        var sockets = ListeningSockets.OfPlatform(platform.ProcessIds);

        sockets.Should().Contain(s => s.Command.Contains("beam", StringComparison.Ordinal), "RabbitMQ's node is among the processes looked at");
        sockets.Should().Contain(s => s.Command.Contains("postgres", StringComparison.Ordinal), "PostgreSQL is among the processes looked at");
        sockets.Should().Contain(s => s.Command.Contains("Gateway", StringComparison.Ordinal), "the gateway is among the processes looked at");
        sockets.Where(s => !s.IsLoopback).Should().BeEmpty(
            "the gateway, every service, PostgreSQL, RabbitMQ (AMQP, management, distribution, epmd) and the orchestrator's proxies stay on loopback unless AppHost:ExposeToNetwork says otherwise");
    }

    [Fact]
    public async Task Every_service_runs_on_its_own_broker_user_and_the_broker_refuses_none_of_them()
    {
        var server = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<RabbitMQServerResource>().Single();
        using var http = new HttpClient { BaseAddress = new Uri((await server.ManagementEndpoint.GetValueAsync(Ct))!) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RabbitMQServerResource.UserName}:{await server.PasswordParameter.GetValueAsync(Ct)}")));

        var connections = await http.GetFromJsonAsync<JsonElement>("/api/connections?columns=user,client_properties", Ct);
        var serviceConnections = connections.EnumerateArray()
            .Select(c => (User: c.GetProperty("user").GetString(), Name: c.GetProperty("client_properties").TryGetProperty("connection_name", out var name) ? name.GetString() : null))
            .Where(c => c.Name is null || !c.Name.StartsWith("apphost-", StringComparison.Ordinal))
            .ToList();

        serviceConnections.Select(c => c.User).Distinct().Should().BeEquivalentTo(RunningPlatform.Services, "each service signs in as itself, none as the administrator");
        var log = string.Join('\n', Directory.GetFiles(Path.Combine(platform.StatePath, "messaging", "log"), "*.log").Select(File.ReadAllText));
        log.Should().Contain("accepting AMQP connection", "the node's log file is where a refusal would show");
        log.Should().NotContain("access_refused", "MassTransit's topology of every service fits its permissions");
    }
}
