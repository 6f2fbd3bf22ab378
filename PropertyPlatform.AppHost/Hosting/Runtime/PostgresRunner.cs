using Npgsql;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// A private PostgreSQL 15: initdb once into the state folder, then the postmaster as user postgres in its own
/// process group, listening on loopback only with its socket in the state folder (never /var/run/postgresql).
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource server, RunContext context) : ResourceRunner(server, context)
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly SemaphoreSlim lifecycle = new(1, 1);
    private ChildProcess? process;
    private bool stopping;

    private string InstanceDirectory => Path.Combine(Context.StateDirectory, Name);

    private string DataDirectory => Path.Combine(InstanceDirectory, "data");

    private int Port => server.GetEndpoint("tcp").Port;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (process is { HasExited: false })
            {
                return;
            }

            SetState(ResourceState.Starting);
            if (!server.IsExternal)
            {
                await PackageAcquirer.EnsureInstalledAsync(
                    PackageAcquirer.PostgresBinary, Context.Options.AcquirePackages, line => Context.Console.Progress("apt", line), cancellationToken);
                await InitializeAsync(cancellationToken);
                StartPostmaster();
            }

            await WaitUntilConnectableAsync(cancellationToken);
            SetState(ResourceState.Running, ResourceSnapshot.Healthy);
            Report(server.IsExternal ? "using the existing server from configuration" : $"ready on 127.0.0.1:{Port}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SetState(ResourceState.FailedToStart);
            throw new DistributedApplicationException($"PostgreSQL '{Name}' did not start: {exception.Message}{System.Environment.NewLine}{RecentLog()}", exception);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public override async Task StopAsync()
    {
        await lifecycle.WaitAsync();
        try
        {
            if (process is not null)
            {
                stopping = true;
                // SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, checkpoint, exit.
                await process.StopAsync(NativeMethods.SigInt, Context.Options.StopTimeout);
                SetProcess(null, process.ExitCode);
                Context.PidFiles.Forget(Name);
                process.Dispose();
                process = null;
            }

            SetState(ResourceState.Stopped);
        }
        finally
        {
            lifecycle.Release();
        }
    }

    public override async Task KillAsync()
    {
        if (process is { } running)
        {
            running.KillGroup();
            await running.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await running.KillRemainingGroupAsync();
            // Set here as well as by the watcher, so the caller sees the result as soon as this returns.
            SetProcess(null, running.ExitCode);
            SetState(ResourceState.Exited);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(InstanceDirectory);
        StateDirectory.MakeTraversable(InstanceDirectory);
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        if (Directory.Exists(DataDirectory))
        {
            // A half-written data folder from an interrupted initdb: start over.
            Directory.Delete(DataDirectory, recursive: true);
        }

        var passwordFile = Path.Combine(InstanceDirectory, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, server.Password, cancellationToken);
        try
        {
            await ChownToPostgresAsync(cancellationToken);
            string[] initdb =
            [
                Path.Combine(BinDirectory, "initdb"), "-D", DataDirectory, "-U", PostgresServerResource.UserName,
                "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                .. Context.Options.FastInfrastructure ? ["--no-sync"] : Array.Empty<string>(),
            ];
            Report("initialising a new data folder (initdb)");
            await RunToCompletionAsync(AsPostgresUser(initdb), cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private void StartPostmaster()
    {
        // The socket goes into the instance folder, which postgres owns; never /var/run/postgresql (shared, root-owned).
        string[] command =
        [
            Path.Combine(BinDirectory, "postgres"), "-D", DataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + InstanceDirectory,
            // Fast mode skips fsync (only an OS crash would lose data) but keeps synchronous_commit: with it off, a
            // SIGKILL in a fault test would lose commits the client was told had succeeded.
            .. Context.Options.FastInfrastructure
                ? ["-c", "fsync=off", "-c", "full_page_writes=off"]
                : Array.Empty<string>(),
        ];
        var arguments = AsPostgresUser(command);
        stopping = false;
        process = ChildProcess.Start(arguments[0], arguments[1..], OnChildLine, workingDirectory: InstanceDirectory);
        SetProcess(process.Pid);
        Context.PidFiles.Record(Name, process);
        _ = WatchAsync(process);
    }

    /// <summary>PostgreSQL refuses to run as root: switch user with setpriv (in place, so the pid stays the postmaster's).</summary>
    private static string[] AsPostgresUser(string[] command) =>
        NativeMethods.IsRoot
            ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. command]
            : command;

    private async Task WatchAsync(ChildProcess watched)
    {
        await watched.WaitForExitAsync();
        if (!stopping && ReferenceEquals(watched, process))
        {
            SetProcess(null, watched.ExitCode);
            SetState(ResourceState.Exited);
            Report($"exited with code {watched.ExitCode}");
        }
    }

    private async Task WaitUntilConnectableAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(server.GetConnectionString("postgres")) { Pooling = false, Timeout = 5 }.ConnectionString;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (process is { HasExited: true } || DateTimeOffset.UtcNow > deadline)
                {
                    throw new DistributedApplicationException($"no connection to PostgreSQL on port {Port}: {exception.Message}", exception);
                }

                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private async Task ChownToPostgresAsync(CancellationToken cancellationToken)
    {
        if (NativeMethods.IsRoot)
        {
            await RunToCompletionAsync(["chown", "-R", "postgres:postgres", InstanceDirectory], cancellationToken);
        }
    }

    private async Task RunToCompletionAsync(string[] command, CancellationToken cancellationToken)
    {
        using var child = ChildProcess.Start(command[0], command[1..], OnChildLine, workingDirectory: InstanceDirectory);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            throw new DistributedApplicationException($"`{string.Join(' ', command)}` failed with exit code {child.ExitCode}");
        }
    }

    public override void Dispose()
    {
        lifecycle.Dispose();
        base.Dispose();
    }
}
