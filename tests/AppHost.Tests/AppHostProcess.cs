using System.Diagnostics;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>Starts the real AppHost executable (as <c>dotnet run</c> would), limited to PostgreSQL and RabbitMQ.</summary>
internal static class AppHostProcess
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(Cancel);
    }

    /// <summary>The real AppHost (as <c>dotnet run</c> would start it), limited to PostgreSQL and RabbitMQ.</summary>
    public static Process Start(string stateDirectory)
    {
        var repositoryRoot = FindRepositoryRoot();
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
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

    public static async Task<Uri> ReadDashboardUrlAsync(Process apphost)
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
