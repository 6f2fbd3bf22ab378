namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// The equivalent of an image pull: installs Debian's PostgreSQL 15 and RabbitMQ when their binaries are missing.
/// A lock file makes concurrent AppHosts (parallel test runs) install once, one after the other.
/// </summary>
internal static class PackageAcquirer
{
    public const string PostgresBinary = "/usr/lib/postgresql/15/bin/postgres";
    public const string RabbitMQBinary = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Packages = "postgresql-15 rabbitmq-server";
    private const string LockFile = "/tmp/propertyplatform-apt.lock";
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static async Task EnsureInstalledAsync(string binary, bool allowed, Action<string> progress, CancellationToken cancellationToken)
    {
        if (File.Exists(binary))
        {
            return;
        }

        if (!allowed || !NativeMethods.IsRoot || !File.Exists("/usr/bin/apt-get"))
        {
            throw new DistributedApplicationException(
                $"{binary} is missing. Install the packages first: `sudo apt-get install -y {Packages}` " +
                "(the AppHost does that itself when it runs as root on Debian).");
        }

        await InProcess.WaitAsync(cancellationToken);
        try
        {
            using var fileLock = await AcquireFileLockAsync(progress, cancellationToken);
            // Another process may have installed them while we waited for the lock.
            if (File.Exists(binary))
            {
                return;
            }

            progress($"{binary} is missing: installing {Packages} with apt-get");
            await RunAsync("apt-get", ["update"], progress, cancellationToken);
            await RunAsync("apt-get", ["install", "-y", .. Packages.Split(' ')], progress, cancellationToken);
            if (!File.Exists(binary))
            {
                throw new DistributedApplicationException($"apt-get finished but {binary} is still missing.");
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

    private static async Task RunAsync(string fileName, string[] arguments, Action<string> progress, CancellationToken cancellationToken)
    {
        using var child = ChildProcess.Start(
            fileName,
            arguments,
            (line, _) => progress(line),
            new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new DistributedApplicationException($"`{fileName} {string.Join(' ', arguments)}` failed with exit code {child.ExitCode}.");
        }
    }
}
