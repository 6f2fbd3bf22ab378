using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>Nothing outlives the AppHost: no postgres, beam.smp, erl_child_setup, epmd or child dotnet process.</summary>
public sealed class ShutdownTests
{
    private static readonly HttpClient Http = new();

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

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_to_the_apphost_process_stops_every_process_it_started(string signal)
    {
        using var state = new TestState();
        using var apphost = StartAppHostProcess(state.Path);
        var dashboard = await ReadDashboardUrlAsync(apphost);
        var resources = (await Http.GetFromJsonAsync<JsonElement>(new Uri(dashboard, "/api/resources"), Cancel)).EnumerateArray().ToList();
        resources.Should().OnlyContain(r => r.GetProperty("health").GetString() == "Healthy");
        var pids = resources.Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("pid").GetInt32());
        var epmdPort = int.Parse(resources.Single(r => r.GetProperty("name").GetString() == "messaging")
            .GetProperty("environment").GetProperty("ERL_EPMD_PORT").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var owned = ProcessSurvey.Owned(state.Path, pids, [epmdPort]);
        owned.Should().Contain(p => p.CommandLine.Contains("beam.smp")).And.Contain(p => p.CommandLine.Contains("postgres"));

        await SignalAsync(apphost, signal);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await apphost.WaitForExitAsync(timeout.Token);

        apphost.ExitCode.Should().Be(0);
        ProcessSurvey.StillAlive(owned).Should().BeEmpty();
        ProcessSurvey.Owned(state.Path, [], []).Should().BeEmpty();
    }

    [Fact]
    public async Task Next_run_kills_what_a_killed_apphost_left_behind()
    {
        using var state = new TestState();
        using var first = StartAppHostProcess(state.Path);
        var dashboard = await ReadDashboardUrlAsync(first);
        var pids = (await Http.GetFromJsonAsync<JsonElement>(new Uri(dashboard, "/api/resources"), Cancel)).EnumerateArray()
            .Where(r => r.GetProperty("pid").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("pid").GetInt32()).ToList();
        first.Kill();
        await first.WaitForExitAsync(Cancel);
        var leftovers = ProcessSurvey.Owned(state.Path, pids, []);
        leftovers.Should().NotBeEmpty("SIGKILL gives the AppHost no chance to stop its children");

        using var second = StartAppHostProcess(state.Path);
        await ReadDashboardUrlAsync(second);

        ProcessSurvey.StillAlive(leftovers).Should().BeEmpty();
        await SignalAsync(second, "TERM");
        await second.WaitForExitAsync(Cancel);
        ProcessSurvey.Owned(state.Path, [], []).Should().BeEmpty();
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(Cancel);
    }

    /// <summary>The real AppHost (as <c>dotnet run</c> would start it), limited to PostgreSQL and RabbitMQ.</summary>
    private static Process StartAppHostProcess(string stateDirectory)
    {
        var repositoryRoot = FindRepositoryRoot();
        var configuration = typeof(ShutdownTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().Single().Configuration;
        var dll = Path.Combine(repositoryRoot, "PropertyPlatform.AppHost", "bin", configuration, "net10.0", "PropertyPlatform.AppHost.dll");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            dll, "--AppHost:Resources=postgres,messaging", "--AppHost:StateDirectory=" + stateDirectory,
            "--AppHost:UseRandomPorts=true", "--AppHost:FastInfrastructure=true", "--AppHost:Quiet=true",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }

    private static async Task<Uri> ReadDashboardUrlAsync(Process apphost)
    {
        _ = apphost.StandardError.ReadToEndAsync(Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        var output = new List<string>();
        while (await apphost.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.Add(line);
            if (line.StartsWith("Dashboard: ", StringComparison.Ordinal))
            {
                // Keep draining stdout so the AppHost never blocks on a full pipe.
                _ = apphost.StandardOutput.ReadToEndAsync(Cancel);
                return new Uri(line["Dashboard: ".Length..]);
            }
        }

        throw new InvalidOperationException("The AppHost ended before it was ready:" + Environment.NewLine + string.Join(Environment.NewLine, output));
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PropertyPlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PropertyPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
