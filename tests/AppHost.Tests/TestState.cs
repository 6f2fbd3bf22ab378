using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>A throwaway state folder and the options every test app uses: free ports, fast and quiet.</summary>
internal sealed class TestState : IDisposable
{
    public TestState() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apphost-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public DistributedApplicationOptions CreateOptions() => new()
    {
        StateDirectory = Path,
        UseRandomPorts = true,
        FastInfrastructure = true,
        QuietConsole = true,
        StopTimeout = TimeSpan.FromSeconds(10),
        StartupTimeout = TimeSpan.FromMinutes(2),
    };

    public IDistributedApplicationBuilder CreateBuilder() => DistributedApplication.CreateBuilder(CreateOptions());

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
