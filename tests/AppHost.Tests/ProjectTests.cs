using System.Diagnostics;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

public sealed class ProjectTests(ProjectFixture fixture) : IClassFixture<ProjectFixture>
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Project_receives_kestrel_endpoints_and_references_as_environment()
    {
        var http = fixture.App.GetEndpoint("crashy");
        var grpc = fixture.App.GetEndpoint("crashy", "grpc");
        var buddy = fixture.App.GetEndpoint("buddy");

        (await EnvAsync("Kestrel__Endpoints__http__Url")).Should().Be($"http://127.0.0.1:{http.Port}");
        (await EnvAsync("Kestrel__Endpoints__grpc__Url")).Should().Be($"http://127.0.0.1:{grpc.Port}");
        (await EnvAsync("Kestrel__Endpoints__grpc__Protocols")).Should().Be("Http2");
        (await EnvAsync("services__buddy__http__0")).Should().Be($"http://127.0.0.1:{buddy.Port}");
        (await EnvAsync("ASPNETCORE_ENVIRONMENT")).Should().Be("Development");
        (await EnvAsync("OTEL_SERVICE_NAME")).Should().Be("crashy");
        (await EnvAsync("CRASHY_GREETING")).Should().Be("hello");
        (await EnvAsync("ASPNETCORE_URLS")).Should().BeEmpty();
    }

    [Fact]
    public async Task Crashed_project_is_restarted_with_backoff_and_counted()
    {
        var before = fixture.App.GetResource("crashy");

        await CrashAndWaitHealthyAsync();
        var first = fixture.App.GetResource("crashy");
        var watch = Stopwatch.StartNew();
        await CrashAndWaitHealthyAsync();
        var second = fixture.App.GetResource("crashy");

        first.Restarts.Should().Be(before.Restarts + 1);
        second.Restarts.Should().Be(before.Restarts + 2);
        second.Pid.Should().NotBe(first.Pid);
        // The second crash in a row waits 2 s before the restart (the first waited 1 s).
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(2));
        second.State.Should().Be(ResourceState.Running);
    }

    [Fact]
    public async Task Killed_project_comes_back_by_itself()
    {
        var before = fixture.App.GetResource("buddy");

        await fixture.App.KillResourceAsync("buddy");
        await WaitUntilAsync(() => fixture.App.GetResource("buddy").Restarts > before.Restarts);
        await fixture.App.WaitForResourceHealthyAsync("buddy", Cancel);

        fixture.App.GetResource("buddy").Pid.Should().NotBe(before.Pid);
        ProcessTable.GroupIsAlive(before.Pid!.Value).Should().BeFalse();
    }

    [Fact]
    public async Task Stopped_project_stays_down_until_started_again_on_the_same_port()
    {
        var before = fixture.App.GetResource("buddy");

        await fixture.App.StopResourceAsync("buddy");
        var stopped = fixture.App.GetResource("buddy");
        await Task.Delay(1500, Cancel);

        stopped.State.Should().Be(ResourceState.Stopped);
        fixture.App.GetResource("buddy").State.Should().Be(ResourceState.Stopped);
        ProcessTable.GroupIsAlive(before.Pid!.Value).Should().BeFalse();

        await fixture.App.StartResourceAsync("buddy", Cancel);
        var response = await Http.GetAsync(new Uri(fixture.App.GetEndpoint("buddy"), "/health"), Cancel);
        response.IsSuccessStatusCode.Should().BeTrue();
        fixture.App.GetEndpoint("buddy").ToString().Should().Be(before.Endpoints.Single(e => e.Name == "http").Url + "/");
    }

    [Fact]
    public void Console_lines_of_a_project_are_kept()
    {
        fixture.App.GetResourceLogs("crashy").Select(l => l.Text).Should().Contain(t => t.Contains("Now listening on"));
    }

    private async Task CrashAndWaitHealthyAsync()
    {
        var restarts = fixture.App.GetResource("crashy").Restarts;
        using var response = await Http.PostAsync(new Uri(fixture.App.GetEndpoint("crashy"), "/crash"), null, Cancel);
        await WaitUntilAsync(() => fixture.App.GetResource("crashy").Restarts > restarts);
        await fixture.App.WaitForResourceHealthyAsync("crashy", Cancel);
    }

    private async Task<string> EnvAsync(string name) =>
        await Http.GetStringAsync(new Uri(fixture.App.GetEndpoint("crashy"), "/env/" + name), Cancel);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
