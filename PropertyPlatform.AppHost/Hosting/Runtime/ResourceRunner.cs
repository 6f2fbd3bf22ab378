namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Runs one resource: starts it, watches it, stops it, and keeps its status and console lines.</summary>
internal abstract class ResourceRunner(Resource resource, RunContext context) : IDisposable
{
    private readonly Lock gate = new();
    private ResourceState state = ResourceState.Waiting;
    private string health = ResourceSnapshot.Unknown;
    private int restarts;
    private int? pid;
    private DateTimeOffset? startedAt;
    private int? exitCode;

    public Resource Resource { get; } = resource;

    public string Name => Resource.Name;

    public LogBuffer Logs { get; } = new();

    protected RunContext Context { get; } = context;

    /// <summary>Variables this runner gives its child (shown masked on the dashboard).</summary>
    public virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    public bool IsHealthy
    {
        get
        {
            lock (gate)
            {
                return health == ResourceSnapshot.Healthy;
            }
        }
    }

    /// <summary>Starts the resource and returns once it is healthy.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Graceful stop; no automatic restart afterwards.</summary>
    public abstract Task StopAsync();

    /// <summary>SIGKILL to the whole process group.</summary>
    public abstract Task KillAsync();

    public async Task WaitForHealthyAsync(CancellationToken cancellationToken)
    {
        while (!IsHealthy)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    public ResourceSnapshot GetSnapshot()
    {
        lock (gate)
        {
            return new ResourceSnapshot(
                Name,
                Resource.Type,
                state,
                health,
                restarts,
                pid,
                startedAt,
                exitCode,
                [.. GetDisplayEndpoints().Select(e => new EndpointSnapshot(e.Name, e.Url))],
                Environment.ToDictionary(e => e.Key, e => Secrets.Mask(e.Value)));
        }
    }

    /// <summary>Endpoints worth a click on the dashboard.</summary>
    protected virtual IEnumerable<EndpointSnapshot> GetDisplayEndpoints() =>
        Resource.Endpoints.Where(e => e.Port > 0).Select(e => new EndpointSnapshot(e.Name, e.UrlString));

    protected void SetState(ResourceState newState, string? newHealth = null)
    {
        lock (gate)
        {
            state = newState;
            health = newHealth ?? health;
            if (newState is ResourceState.Stopped or ResourceState.Exited or ResourceState.FailedToStart or ResourceState.Restarting)
            {
                health = newState == ResourceState.Stopped ? ResourceSnapshot.Unknown : ResourceSnapshot.Unhealthy;
            }
        }
    }

    protected void SetProcess(int? processId, int? lastExitCode = null)
    {
        lock (gate)
        {
            pid = processId;
            exitCode = lastExitCode;
            if (processId is not null)
            {
                startedAt = DateTimeOffset.UtcNow;
            }
        }
    }

    protected int IncrementRestarts()
    {
        lock (gate)
        {
            return ++restarts;
        }
    }

    /// <summary>A line the child wrote: kept for the dashboard and echoed to the console.</summary>
    protected void OnChildLine(string line, bool isError)
    {
        line = ConsoleText.Clean(line);
        Logs.Add(line, isError);
        Context.Console.Child(Name, line);
    }

    /// <summary>A line the AppHost writes about this resource (shown in its log as well).</summary>
    protected void Report(string message)
    {
        Logs.Add("[apphost] " + message);
        Context.Console.AppHost($"{Name}: {message}");
    }

    protected string RecentLog(int count = 15) =>
        string.Join(System.Environment.NewLine, Logs.GetLines().TakeLast(count).Select(l => l.Text));

    /// <summary>Releases what the runner holds; the process itself is stopped by <see cref="StopAsync"/> first.</summary>
    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }
}
