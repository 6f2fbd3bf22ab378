using System.Net.Http.Json;
using System.Text.Json;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>What an AppHost killed with SIGKILL leaves behind is cleaned up by the next run on the same state folder.</summary>
public sealed class LeftoverTests
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Next_run_kills_what_a_killed_apphost_left_behind()
    {
        using var state = new TestState();
        using var first = AppHostProcess.Start(state.Path);
        var dashboard = await AppHostProcess.ReadDashboardUrlAsync(first);
        var pids = (await Http.GetFromJsonAsync<JsonElement>(new Uri(dashboard, "/api/resources"), Cancel)).EnumerateArray()
            .Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("pid").GetInt32()).ToList();
        first.Kill();
        await first.WaitForExitAsync(Cancel);
        var leftovers = ProcessSurvey.Owned(state.Path, pids, []);
        leftovers.Should().NotBeEmpty("SIGKILL gives the AppHost no chance to stop its children");

        using var second = AppHostProcess.Start(state.Path);
        await AppHostProcess.ReadDashboardUrlAsync(second);

        ProcessSurvey.StillAlive(leftovers).Should().BeEmpty();
        await AppHostProcess.SignalAsync(second, "TERM");
        await second.WaitForExitAsync(Cancel);
        ProcessSurvey.Owned(state.Path, [], []).Should().BeEmpty();
    }
}
