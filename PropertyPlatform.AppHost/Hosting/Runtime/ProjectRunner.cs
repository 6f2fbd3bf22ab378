namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Runs a project's build output with <c>dotnet</c>, polls <c>/health</c>, and restarts it with exponential
/// back-off (1 s, 2 s, 4 s ... 30 s) when it exits without being asked to.
/// </summary>
internal sealed class ProjectRunner(ProjectResource project, RunContext context) : ResourceRunner(project, context)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>After this long healthy, a crash counts as the first one again (back-off restarts at 1 s).</summary>
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly Dictionary<string, string> environment = ProjectEnvironment.Build(project, context);
    private CancellationTokenSource? supervision;
    private Task supervisor = Task.CompletedTask;
    private ChildProcess? process;

    public override IReadOnlyDictionary<string, string> Environment => environment;

    private string AssemblyPath => project.GetAssemblyPath(Context.ProjectConfiguration);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (supervision is null)
            {
                if (!File.Exists(AssemblyPath))
                {
                    SetState(ResourceState.FailedToStart);
                    throw new DistributedApplicationException(
                        $"Project '{Name}' is not built: {AssemblyPath} is missing. Build it first (`dotnet build {project.ProjectPath} -c {Context.ProjectConfiguration}`).");
                }

                supervision = new CancellationTokenSource();
                var token = supervision.Token;
                supervisor = Task.Run(() => SuperviseAsync(token), CancellationToken.None);
            }
        }
        finally
        {
            lifecycle.Release();
        }

        await WaitForHealthyAsync(cancellationToken);
    }

    public override async Task StopAsync()
    {
        await lifecycle.WaitAsync();
        try
        {
            if (supervision is null)
            {
                return;
            }

            await supervision.CancelAsync();
            await supervisor;
            supervision.Dispose();
            supervision = null;
            SetState(ResourceState.Stopped);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>SIGKILL to the group; the supervisor sees an unexpected exit and restarts it.</summary>
    public override async Task KillAsync()
    {
        if (process is { } running)
        {
            running.KillGroup();
            await running.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        var consecutiveCrashes = 0;
        while (!stop.IsCancellationRequested)
        {
            SetState(ResourceState.Starting, ResourceSnapshot.Unknown);
            using var child = ChildProcess.Start(
                "dotnet", [AssemblyPath], OnChildLine, environment, ProjectEnvironment.Removed, project.ProjectDirectory);
            process = child;
            SetProcess(child.Pid);
            Context.PidFiles.Record(Name, child);
            var startedAt = DateTimeOffset.UtcNow;

            using var healthStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var healthLoop = PollHealthAsync(healthStop.Token);
            try
            {
                await child.WaitForExitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop: SIGTERM lets the host run its shutdown; SIGKILL to the group after the timeout.
                await healthStop.CancelAsync();
                await child.StopAsync(NativeMethods.SigTerm, Context.Options.StopTimeout, signalGroup: true);
                SetProcess(null, child.ExitCode);
                Context.PidFiles.Forget(Name);
                process = null;
                await IgnoreCancellation(healthLoop);
                return;
            }

            await healthStop.CancelAsync();
            await IgnoreCancellation(healthLoop);
            await child.KillRemainingGroupAsync();
            SetProcess(null, child.ExitCode);
            // No kill may reach for this process (about to be disposed) while we wait to restart.
            process = null;

            consecutiveCrashes = DateTimeOffset.UtcNow - startedAt > StableAfter ? 1 : consecutiveCrashes + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, consecutiveCrashes - 1)));
            var restarts = IncrementRestarts();
            SetState(ResourceState.Restarting);
            Report($"exited with code {child.ExitCode}; restart #{restarts} in {delay.TotalSeconds:0} s");
            try
            {
                await Task.Delay(delay, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollHealthAsync(CancellationToken cancellationToken)
    {
        if (!project.Endpoints.Any(e => e.Name == "http"))
        {
            SetState(ResourceState.Running, ResourceSnapshot.Healthy);
            return;
        }

        var healthUrl = new Uri(project.GetEndpoint("http").Url, "/health");
        var wasHealthy = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool healthy;
            try
            {
                using var response = await http.GetAsync(healthUrl, cancellationToken);
                healthy = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                healthy = false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                healthy = false;
            }

            if (healthy)
            {
                if (!wasHealthy)
                {
                    Report("healthy");
                }

                SetState(ResourceState.Running, ResourceSnapshot.Healthy);
                wasHealthy = true;
            }
            else if (wasHealthy)
            {
                SetState(ResourceState.Unhealthy, ResourceSnapshot.Unhealthy);
            }

            // Quick polls until the first success, then a calmer pace.
            await Task.Delay(wasHealthy ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(300), cancellationToken);
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override void Dispose()
    {
        lifecycle.Dispose();
        http.Dispose();
        supervision?.Dispose();
        base.Dispose();
    }
}
