using System.Net.Http.Json;
using System.Text.Json;

namespace PropertyPlatform.AppHost.Tests;

[Collection(SharedInfrastructure.Name)]
public sealed class DashboardTests(InfrastructureFixture fixture)
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Resources_api_lists_every_resource_healthy_once_ready()
    {
        var resources = await WaitUntilAllHealthyAsync();

        resources.Select(r => r.GetProperty("name").GetString()).Should().BeEquivalentTo("postgres", "orders-db", "messaging");
        var messaging = resources.Single(r => r.GetProperty("name").GetString() == "messaging");
        messaging.GetProperty("type").GetString().Should().Be("RabbitMQ");
        messaging.GetProperty("state").GetString().Should().Be("Running");
        messaging.GetProperty("restarts").GetInt32().Should().Be(0);
        messaging.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("name").GetString())
            .Should().BeEquivalentTo("tcp", "management");
    }

    [Fact]
    public async Task Logs_api_returns_recent_console_lines()
    {
        var lines = await Http.GetFromJsonAsync<JsonElement>(new Uri(fixture.App.DashboardUrl!, "/api/resources/postgres/logs"), Cancel);

        lines.EnumerateArray().Select(l => l.GetProperty("text").GetString())
            .Should().Contain(text => text!.Contains("database system is ready to accept connections"));
    }

    [Fact]
    public async Task Page_is_served()
    {
        var html = await Http.GetStringAsync(fixture.App.DashboardUrl, Cancel);

        html.Should().Contain("<html");
    }

    private async Task<List<JsonElement>> WaitUntilAllHealthyAsync()
    {
        // Another test of the collection may have just restarted a server: give it a moment to report healthy again.
        for (var attempt = 0; ; attempt++)
        {
            var resources = (await Http.GetFromJsonAsync<JsonElement>(new Uri(fixture.App.DashboardUrl!, "/api/resources"), Cancel)).EnumerateArray().ToList();
            if (resources.All(r => r.GetProperty("health").GetString() == "Healthy") || attempt == 100)
            {
                resources.Should().OnlyContain(r => r.GetProperty("health").GetString() == "Healthy");
                return resources;
            }

            await Task.Delay(200, Cancel);
        }
    }
}
