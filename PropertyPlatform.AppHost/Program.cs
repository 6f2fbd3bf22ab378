using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost;

// An explicit entry point rather than top-level statements: those make a `Program` type, and the test projects that
// reference both the AppHost (through TestSupport) and a service would then see two of them.
public static class AppHostProgram
{
    public static async Task Main(string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(args);

        // The dashboard's addresses come from the launch profile; a taken port is named before anything starts, and the
        // dashboard stays on loopback unless the operator chose to expose the platform.
        foreach (var variable in (string[])["ASPNETCORE_URLS", "ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"])
        {
            foreach (var url in (Environment.GetEnvironmentVariable(variable) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                NetworkExposure.EnsureLoopbackUnlessExposed(url, $"the Aspire dashboard ({variable})", builder.Configuration);
                if (variable == "ASPNETCORE_URLS" && Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Port > 0)
                {
                    PortCheck.EnsureFree(address.Port, "the Aspire dashboard", "ASPNETCORE_URLS=http://localhost:<port> (Properties/launchSettings.json)");
                }
            }
        }

        PlatformModel.Configure(builder, args);
        await builder.Build().RunAsync();
    }
}
