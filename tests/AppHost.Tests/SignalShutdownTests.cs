using System.Net.Http.Json;
using System.Text.Json;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The real AppHost process stops everything it started on SIGTERM and SIGINT (Ctrl+C).</summary>
public sealed class SignalShutdownTests
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_to_the_apphost_process_stops_every_process_it_started(string signal)
    {
        using var state = new TestState();
        using var apphost = AppHostProcess.Start(state.Path);
        var dashboard = await AppHostProcess.ReadDashboardUrlAsync(apphost);
        var resources = (await Http.GetFromJsonAsync<JsonElement>(new Uri(dashboard, "/api/resources"), Cancel)).EnumerateArray().ToList();
        resources.Should().OnlyContain(r => r.GetProperty("health").GetString() == "Healthy");
        var pids = resources.Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("pid").GetInt32());
        var epmdPort = int.Parse(resources.Single(r => r.GetProperty("name").GetString() == "messaging")
            .GetProperty("environment").GetProperty("ERL_EPMD_PORT").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var owned = ProcessSurvey.Owned(state.Path, pids, [epmdPort]);
        owned.Should().Contain(p => p.CommandLine.Contains("beam.smp")).And.Contain(p => p.CommandLine.Contains("postgres"));

        await AppHostProcess.SignalAsync(apphost, signal);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await apphost.WaitForExitAsync(timeout.Token);

        apphost.ExitCode.Should().Be(0);
        ProcessSurvey.StillAlive(owned).Should().BeEmpty();
        ProcessSurvey.Owned(state.Path, [], []).Should().BeEmpty();
    }
}
