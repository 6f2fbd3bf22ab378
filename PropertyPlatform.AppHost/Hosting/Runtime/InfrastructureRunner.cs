namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// What the private servers (PostgreSQL, RabbitMQ) share: one start at a time, the package installed when missing,
/// ready only when a real client connects, a graceful stop with the server's own signal, SIGKILL of the whole group
/// for fault tests, and an exit nobody asked for reported as such. Servers that configuration points elsewhere
/// (<see cref="IsExternal"/>) are only connected to, never started.
/// </summary>
internal abstract class InfrastructureRunner(Resource resource, RunContext context) : ResourceRunner(resource, context)
{
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private ChildProcess? process;
    private bool stopping;

    /// <summary>Whether the server process has exited (a readiness probe gives up at once then).</summary>
    protected bool HasExited => process is { HasExited: true };

    protected abstract string Product { get; }

    protected abstract bool IsExternal { get; }

    protected abstract string PackageBinary { get; }

    /// <summary>The signal on which the server shuts down cleanly.</summary>
    protected abstract int StopSignal { get; }

    protected abstract string ReadyMessage { get; }

    /// <summary>Prepares the instance folder and starts the server through <see cref="Watch"/>.</summary>
    protected abstract Task LaunchAsync(CancellationToken cancellationToken);

    protected abstract Task WaitUntilConnectableAsync(CancellationToken cancellationToken);

    /// <summary>Stops helper processes the server needs, after the server itself has stopped.</summary>
    protected virtual Task StopHelpersAsync() => Task.CompletedTask;

    public sealed override async Task StartAsync(CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (process is { HasExited: false })
            {
                return;
            }

            SetState(ResourceState.Starting);
            if (!IsExternal)
            {
                await PackageAcquirer.EnsureInstalledAsync(
                    PackageBinary, Context.Options.AcquirePackages, line => Context.Console.Progress("apt", line), cancellationToken);
                await LaunchAsync(cancellationToken);
            }

            await WaitUntilConnectableAsync(cancellationToken);
            SetState(ResourceState.Running, ResourceSnapshot.Healthy);
            Report(IsExternal ? "using the existing server from configuration" : ReadyMessage);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SetState(ResourceState.FailedToStart);
            throw new DistributedApplicationException($"{Product} '{Name}' did not start: {exception.Message}{System.Environment.NewLine}{RecentLog()}", exception);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public sealed override async Task StopAsync()
    {
        await lifecycle.WaitAsync();
        try
        {
            if (process is not null)
            {
                stopping = true;
                await process.StopAsync(StopSignal, Context.Options.StopTimeout);
                SetProcess(null, process.ExitCode);
                Context.PidFiles.Forget(Name);
                process.Dispose();
                process = null;
            }

            await StopHelpersAsync();
            SetState(ResourceState.Stopped);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public sealed override async Task KillAsync()
    {
        if (process is { } running)
        {
            running.KillGroup();
            await running.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await running.KillRemainingGroupAsync();
            // Set here as well as by the watcher, so the caller sees the result as soon as this returns.
            SetProcess(null, running.ExitCode);
            SetState(ResourceState.Exited);
        }
    }

    /// <summary>Makes <paramref name="started"/> the server process: recorded for leftover cleanup and watched for exits.</summary>
    protected void Watch(ChildProcess started)
    {
        stopping = false;
        process = started;
        SetProcess(started.Pid);
        Context.PidFiles.Record(Name, started);
        _ = WatchAsync(started);
    }

    private async Task WatchAsync(ChildProcess watched)
    {
        await watched.WaitForExitAsync();
        if (!stopping && ReferenceEquals(watched, process))
        {
            SetProcess(null, watched.ExitCode);
            SetState(ResourceState.Exited);
            Report($"exited with code {watched.ExitCode}");
        }
    }

    public override void Dispose()
    {
        lifecycle.Dispose();
        base.Dispose();
    }
}
