using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost;

// An explicit entry point rather than top-level statements: those make a `Program` type, and the test projects that
// reference both the AppHost (through TestSupport) and a service would then see two of them.
public static class AppHostProgram
{
    public static async Task Main(string[] args)
    {
        // The dashboard's address comes from the launch profile (ASPNETCORE_URLS); a taken port is named before anything starts.
        foreach (var url in (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Port > 0)
            {
                PortCheck.EnsureFree(address.Port, "the Aspire dashboard", "ASPNETCORE_URLS=http://localhost:<port> (Properties/launchSettings.json)");
            }
        }

        var builder = DistributedApplication.CreateBuilder(args);
        PlatformModel.Configure(builder, args);
        await builder.Build().RunAsync();
    }
}
