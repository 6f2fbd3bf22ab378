namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// The .NET runtime settings of the platform's processes, which share a few cores with each other, PostgreSQL,
/// RabbitMQ and the orchestrator. The defaults suit a process that owns its machine: a server GC with a heap and a
/// thread per core, and thread-pool workers that spin before they sleep. Here a spinning worker takes the core from
/// the process that has the work: in a trace of reception under intake load a third of its CPU was workers spinning in
/// the thread pool's semaphore. With workstation GC and no spinning, the benchmark measured 27–45 % less CPU per intake
/// in reception, maintenance and the gateway (2026-12-02, README "Performance"). An operator on bigger machines can
/// set either back per service.
/// </summary>
public static class SharedCoresRuntime
{
    public const string ServerGc = "DOTNET_gcServer";

    public const string SpinLimit = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    public static IResourceBuilder<T> WithSharedCoresRuntime<T>(this IResourceBuilder<T> project)
        where T : IResourceWithEnvironment =>
        project.WithEnvironment(ServerGc, "0").WithEnvironment(SpinLimit, "0");
}
