using System.Diagnostics;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// The equivalent of an image pull: installs Debian's PostgreSQL 15 and RabbitMQ when their binaries are missing,
/// before anything starts (and, for the browser tests, Debian's chromium). A lock file makes concurrent AppHosts
/// (parallel test runs) install one after the other.
/// </summary>
public static class PackageAcquirer
{
    public const string PostgresBinDirectory = "/usr/lib/postgresql/15/bin";
    public const string RabbitMQBinDirectory = "/usr/lib/rabbitmq/bin";
    public const string Packages = "postgresql-15 rabbitmq-server";
    private const string LockFile = "/tmp/propertyplatform-apt.lock";
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>Both servers come from one apt-get run: a missing binary of either installs the pair.</summary>
    public static readonly string[] Binaries = [Path.Combine(PostgresBinDirectory, "postgres"), Path.Combine(RabbitMQBinDirectory, "rabbitmq-server"), "/usr/bin/epmd"];

    public static bool IsRoot => Environment.UserName == "root";

    public static Task EnsureInstalledAsync(Action<string> progress, CancellationToken cancellationToken) =>
        EnsureInstalledAsync("PostgreSQL 15 and RabbitMQ", Binaries, Packages, progress, cancellationToken);

    /// <summary>Installs <paramref name="packages"/> (space-separated) with apt-get unless every one of <paramref name="binaries"/> exists.</summary>
    public static async Task EnsureInstalledAsync(
        string what, IReadOnlyCollection<string> binaries, string packages, Action<string> progress, CancellationToken cancellationToken)
    {
        if (binaries.All(File.Exists))
        {
            return;
        }

        if (!IsRoot || !File.Exists("/usr/bin/apt-get"))
        {
            throw new DistributedApplicationException(
                $"{what} is not installed. Install it first: `sudo apt-get install -y {packages}` " +
                "(this is done automatically when running as root on Debian).");
        }

        await InProcess.WaitAsync(cancellationToken);
        try
        {
            await using var fileLock = await AcquireFileLockAsync(progress, cancellationToken);
            // Another process may have installed them while we waited for the lock.
            if (binaries.All(File.Exists))
            {
                return;
            }

            progress($"{what} is missing: installing {packages} with apt-get (once per machine)");
            await RunAsync(["update"], packages, progress, cancellationToken);
            await RunAsync(["install", "-y", .. packages.Split(' ')], packages, progress, cancellationToken);
            if (binaries.FirstOrDefault(b => !File.Exists(b)) is { } missing)
            {
                throw new DistributedApplicationException($"apt-get finished but {missing} is still missing.");
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var announced = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock(2) on Unix, released when the stream closes or the process dies.
                return new FileStream(LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!announced)
                {
                    progress("another process is installing packages; waiting for it");
                    announced = true;
                }

                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static async Task RunAsync(string[] arguments, string packages, Action<string> progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new DistributedApplicationException("apt-get could not be started.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { progress(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { progress(line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"`apt-get {string.Join(' ', arguments)}` failed with exit code {process.ExitCode}: install {packages} by hand, then run again.");
        }
    }
}
