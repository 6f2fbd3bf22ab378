namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Lifecycle of a resource as the dashboard shows it.</summary>
public enum ResourceState
{
    /// <summary>Not started yet: waiting for the resources it depends on.</summary>
    Waiting,
    Starting,
    Running,

    /// <summary>Running, but its health check fails.</summary>
    Unhealthy,

    /// <summary>Crashed; will be started again after a back-off.</summary>
    Restarting,

    /// <summary>Ended by itself (or was killed) and is not restarted automatically.</summary>
    Exited,

    /// <summary>Stopped on purpose.</summary>
    Stopped,
    FailedToStart,
}
