using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>Nothing outlives the AppHost: no postgres, beam.smp, erl_child_setup, epmd or child dotnet process.</summary>
public sealed class ShutdownTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Disposing_the_app_stops_every_process_it_started()
    {
        using var state = new TestState();
        var builder = state.CreateBuilder();
        builder.AddPostgres("postgres").AddDatabase("things-db", "things");
        var messaging = builder.AddRabbitMQ("messaging");
        builder.AddProject("crashy", TestProjects.CrashyApp).WithReference(messaging);
        var app = builder.Build();
        await app.StartAsync(Cancel);
        var owned = ProcessSurvey.Owned(app);
        owned.Should().Contain(p => p.CommandLine.Contains("beam.smp"))
            .And.Contain(p => p.CommandLine.Contains("epmd"))
            .And.Contain(p => p.CommandLine.Contains("postgres"))
            .And.Contain(p => p.CommandLine.Contains("CrashyApp.dll"));

        await app.DisposeAsync();

        ProcessSurvey.StillAlive(owned).Should().BeEmpty();
        ProcessSurvey.Owned(state.Path, [], []).Should().BeEmpty();
    }
}
