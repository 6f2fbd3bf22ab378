using Npgsql;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// A private PostgreSQL 15: initdb once into the state folder, then the postmaster as user postgres in its own
/// process group, listening on loopback only with its socket in the state folder (never /var/run/postgresql).
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource server, RunContext context) : InfrastructureRunner(server, context)
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private string InstanceDirectory => Path.Combine(Context.StateDirectory, Name);

    private string DataDirectory => Path.Combine(InstanceDirectory, "data");

    private int Port => server.GetEndpoint("tcp").Port;

    protected override string Product => "PostgreSQL";

    protected override bool IsExternal => server.IsExternal;

    protected override string PackageBinary => PackageAcquirer.PostgresBinary;

    // SIGINT is PostgreSQL's "fast" shutdown: disconnect clients, checkpoint, exit.
    protected override int StopSignal => NativeMethods.SigInt;

    protected override string ReadyMessage => $"ready on 127.0.0.1:{Port}";

    protected override async Task LaunchAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        StartPostmaster();
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
        Watch(ChildProcess.Start(arguments[0], arguments[1..], OnChildLine, workingDirectory: InstanceDirectory));
    }

    /// <summary>PostgreSQL refuses to run as root: switch user with setpriv (in place, so the pid stays the postmaster's).</summary>
    private static string[] AsPostgresUser(string[] command) =>
        NativeMethods.IsRoot
            ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. command]
            : command;

    protected override async Task WaitUntilConnectableAsync(CancellationToken cancellationToken)
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
                if (HasExited || DateTimeOffset.UtcNow > deadline)
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

}
