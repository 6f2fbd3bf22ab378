using System.Runtime.InteropServices;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// The running system: starts resources in dependency order, serves the dashboard, stops everything in reverse order
/// (projects, then brokers, then databases) on Ctrl+C, SIGTERM or disposal. Also the control surface for tests.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly RunContext context;
    private readonly Dictionary<string, ResourceRunner> runners;
    private readonly int dashboardPort;
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private DashboardServer? dashboard;
    private bool started;

    internal DistributedApplication(IReadOnlyList<Resource> resources, RunContext context, int dashboardPort)
    {
        this.context = context;
        this.dashboardPort = dashboardPort;
        Resources = resources;
        runners = new Dictionary<string, ResourceRunner>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in resources)
        {
            runners[resource.Name] = CreateRunner(resource);
        }
    }

    public IReadOnlyList<Resource> Resources { get; }

    public string StateDirectory => context.StateDirectory;

    /// <summary>Null when the dashboard is disabled.</summary>
    public Uri? DashboardUrl => dashboardPort > 0 ? new Uri($"http://localhost:{dashboardPort}") : null;

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) => CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => new DistributedApplicationBuilder(options);

    /// <summary>Starts the dashboard and every resource once what it waits for is healthy; returns when all are healthy.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            started = true;
            if (dashboardPort > 0)
            {
                dashboard = new DashboardServer(this, dashboardPort);
                await dashboard.StartAsync(cancellationToken);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(context.Options.StartupTimeout);
            var starts = runners.Values.Select(runner => StartWhenDependenciesHealthyAsync(runner, timeout)).ToList();
            try
            {
                await Task.WhenAll(starts);
            }
            catch (Exception) when (starts.FirstOrDefault(t => t.Exception?.InnerException is not null and not OperationCanceledException) is { } failed)
            {
                // The real failure, not the cancellations it caused in the resources waiting for it.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var waiting = runners.Values.Where(r => !r.IsHealthy).Select(r => r.Name);
                throw new DistributedApplicationException(
                    $"Not healthy after {context.Options.StartupTimeout.TotalSeconds:0} s: {string.Join(", ", waiting)}.");
            }
        }
        finally
        {
            lifecycle.Release();
        }
    }

    /// <summary>Starts, prints where to look, then runs until Ctrl+C or SIGTERM and stops everything.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext signal)
        {
            // We stop the children ourselves, in order; the default handling would end the process first.
            signal.Cancel = true;
            shutdown.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        try
        {
            await StartAsync(shutdown.Token);
            PrintBanner();
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            context.Console.AppHost("shutting down");
        }
        finally
        {
            await StopAsync();
        }
    }

    /// <summary>Stops projects first, then RabbitMQ, then PostgreSQL, then the dashboard.</summary>
    public async Task StopAsync()
    {
        await lifecycle.WaitAsync();
        try
        {
            if (!started)
            {
                return;
            }

            started = false;
            await Task.WhenAll(runners.Values.Where(r => r is ProjectRunner).Select(StopQuietlyAsync));
            await Task.WhenAll(runners.Values.Where(r => r is RabbitMQRunner).Select(StopQuietlyAsync));
            await Task.WhenAll(runners.Values.Where(r => r is DatabaseRunner).Select(StopQuietlyAsync));
            await Task.WhenAll(runners.Values.Where(r => r is PostgresRunner).Select(StopQuietlyAsync));
            if (dashboard is not null)
            {
                await dashboard.DisposeAsync();
                dashboard = null;
            }

            context.Console.AppHost("stopped");
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var runner in runners.Values)
        {
            runner.Dispose();
        }
    }

    public Uri GetEndpoint(string resource, string endpointName = "http") => GetRunner(resource).Resource.GetEndpoint(endpointName).Url;

    public string GetConnectionString(string resource) =>
        GetRunner(resource).Resource is IResourceWithConnectionString withConnectionString
            ? withConnectionString.GetConnectionString()
            : throw new InvalidOperationException($"Resource '{resource}' has no connection string.");

    public ResourceSnapshot GetResource(string name) => GetRunner(name).GetSnapshot();

    public IReadOnlyList<ResourceSnapshot> GetResources() => [.. runners.Values.Select(r => r.GetSnapshot())];

    public IReadOnlyList<LogLine> GetResourceLogs(string name, long afterSequence = 0) => GetRunner(name).Logs.GetLines(afterSequence);

    /// <summary>Graceful stop; a stopped project is not restarted automatically.</summary>
    public Task StopResourceAsync(string name) => GetRunner(name).StopAsync();

    /// <summary>Starts a stopped or killed resource again, with the same ports and data, and waits until it is healthy.</summary>
    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default) => GetRunner(name).StartAsync(cancellationToken);

    /// <summary>SIGKILL to the resource's process group; projects come back through their normal restart.</summary>
    public Task KillResourceAsync(string name) => GetRunner(name).KillAsync();

    public Task WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default) => GetRunner(name).WaitForHealthyAsync(cancellationToken);

    /// <summary>The broker whose management UI and error queues the dashboard shows (the first one, if any).</summary>
    internal RabbitMQServerResource? Broker => Resources.OfType<RabbitMQServerResource>().FirstOrDefault();

    private ResourceRunner CreateRunner(Resource resource) => resource switch
    {
        PostgresServerResource postgres => new PostgresRunner(postgres, context),
        PostgresDatabaseResource database => new DatabaseRunner(database, runners[database.Server.Name], context),
        RabbitMQServerResource rabbit => new RabbitMQRunner(rabbit, context),
        ProjectResource project => new ProjectRunner(project, context),
        _ => throw new NotSupportedException($"No runner for {resource}."),
    };

    private ResourceRunner GetRunner(string name) =>
        runners.TryGetValue(name, out var runner) ? runner : throw new KeyNotFoundException($"No resource named '{name}'.");

    /// <summary>A failure cancels the whole start: nothing waits for a dependency that will never come.</summary>
    private async Task StartWhenDependenciesHealthyAsync(ResourceRunner runner, CancellationTokenSource startup)
    {
        try
        {
            var dependencies = runner.Resource.WaitsFor.Concat(runner.Resource.Parents).Distinct().Select(r => GetRunner(r.Name));
            await Task.WhenAll(dependencies.Select(d => d.WaitForHealthyAsync(startup.Token)));
            await runner.StartAsync(startup.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await startup.CancelAsync();
            throw;
        }
    }

    private async Task StopQuietlyAsync(ResourceRunner runner)
    {
        try
        {
            await runner.StopAsync();
        }
        catch (Exception exception)
        {
            context.Console.AppHost($"{runner.Name}: stop failed: {exception.Message}");
        }
    }

    private void PrintBanner()
    {
        context.Console.AppHost("everything is running");
        if (DashboardUrl is { } url)
        {
            Console.WriteLine($"Dashboard: {url.ToString().TrimEnd('/')}");
        }

        var gateway = Resources.OfType<ProjectResource>().SelectMany(p => p.Endpoints).FirstOrDefault(e => e.IsExternal);
        if (gateway is not null)
        {
            Console.WriteLine($"Gateway: http://localhost:{gateway.Port}");
        }
    }
}
