using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>Two instances of the crashy test app: "crashy" (with a gRPC endpoint) references "buddy".</summary>
public sealed class ProjectFixture : IAsyncLifetime
{
    private readonly TestState state = new();

    public DistributedApplication App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = state.CreateBuilder();
        var buddy = builder.AddProject("buddy", TestProjects.CrashyApp);
        builder.AddProject("crashy", TestProjects.CrashyApp)
            .WithGrpcEndpoint()
            .WithReference(buddy)
            .WithEnvironment("CRASHY_GREETING", "hello")
            .WaitFor(buddy);
        App = builder.Build();
        await App.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        state.Dispose();
    }
}
