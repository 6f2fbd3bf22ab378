using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost;

// An explicit entry point rather than top-level statements: the web SDK makes a top-level `Program` public, and the
// test projects that reference both the AppHost and a service would then see two `Program` types.
public static class AppHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = DistributedApplication.CreateBuilder(args);
        PlatformModel.Configure(builder);

        try
        {
            await using var app = builder.Build();
            await app.RunAsync();
            return 0;
        }
        catch (DistributedApplicationException exception)
        {
            await Console.Error.WriteLineAsync($"[apphost] {exception.Message}");
            return 1;
        }
    }
}
