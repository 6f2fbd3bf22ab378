using System.Globalization;
using System.Text;
using Npgsql;

namespace PropertyPlatform.TestSupport;

/// <summary>
/// Watches one test database for transactions that stay open long, and keeps what it saw: each session in a
/// transaction, what it waits on, who blocks it and its last statement. A test that times out on the database can then
/// say which session held it up, in its own failure message (<see cref="ExplainAsync"/>), instead of only "timeout".
/// </summary>
public sealed class DatabaseStallWatch : IAsyncDisposable
{
    private const int MaxReports = 20;

    private readonly string _connectionString;
    private readonly TimeSpan _longerThan;
    private readonly TimeSpan _every;
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<string> _reports = new();
    private readonly Task _watching;

    /// <summary>Looks every <paramref name="every"/> (5 s unless given) for a transaction open longer than <paramref name="longerThan"/>.</summary>
    public DatabaseStallWatch(string connectionString, TimeSpan longerThan, TimeSpan? every = null)
    {
        _every = every ?? TimeSpan.FromSeconds(5);
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = "test stall watch",
            CommandTimeout = 10,
        }.ConnectionString;
        _longerThan = longerThan;
        _watching = WatchAsync(_stop.Token);
    }

    /// <summary>What the watch saw so far (the last <see cref="MaxReports"/> snapshots), oldest first.</summary>
    public IReadOnlyList<string> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/>; when it fails, or is still running after <paramref name="timeout"/> (3 minutes unless
    /// given), fails with a message that adds the database's open transactions now and the long ones seen before, so the
    /// failure names what held the database up.
    /// </summary>
    public async Task<T> ExplainAsync<T>(Func<Task<T>> action, TimeSpan? timeout = null)
    {
        try
        {
            return await action().WaitAsync(timeout ?? TimeSpan.FromMinutes(3));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            string now;
            try
            {
                now = await SnapshotAsync(TimeSpan.Zero, CancellationToken.None) ?? "no open transaction";
            }
            catch (Exception snapshotFailure)
            {
                now = $"the snapshot failed too: {snapshotFailure.Message}";
            }

            var before = Reports;
            throw new InvalidOperationException(
                $"{ex.GetType().Name}: {ex.GetBaseException().Message}\nOpen transactions now: {now}\n"
                + (before.Count == 0 ? "No transaction was open longer than " + _longerThan.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s before."
                    : "Long transactions seen before:\n" + string.Join("\n", before)),
                ex);
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_every, stop);
                if (await SnapshotAsync(_longerThan, stop) is { } report)
                {
                    lock (_reports)
                    {
                        _reports.Enqueue(report);
                        while (_reports.Count > MaxReports)
                        {
                            _reports.Dequeue();
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The server being slow to answer is what this watch is for; it tries again on the next tick.
            }
        }
    }

    /// <summary>One line per session of the database in a transaction, when some transaction is older than <paramref name="olderThan"/>.</summary>
    private async Task<string?> SnapshotAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT pid, coalesce(application_name, ''), coalesce(state, ''), coalesce(wait_event_type || ':' || wait_event, ''),
                   extract(epoch FROM clock_timestamp() - xact_start)::float8, extract(epoch FROM clock_timestamp() - state_change)::float8,
                   pg_blocking_pids(pid)::text, left(regexp_replace(coalesce(query, ''), '\s+', ' ', 'g'), 160)
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
            ORDER BY xact_start
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lines = new StringBuilder();
        var oldest = 0d;
        while (await reader.ReadAsync(cancellationToken))
        {
            var transactionAge = reader.GetDouble(4);
            oldest = Math.Max(oldest, transactionAge);
            lines.Append(CultureInfo.InvariantCulture,
                $"\n  pid {reader.GetInt32(0)} '{reader.GetString(1)}' {reader.GetString(2)} {reader.GetString(3)} in transaction {transactionAge:0.0} s, this state {reader.GetDouble(5):0.0} s, blocked by {reader.GetString(6)}: {reader.GetString(7)}");
        }

        return lines.Length == 0 || oldest < olderThan.TotalSeconds
            ? null
            : $"{DateTimeOffset.UtcNow:HH:mm:ss}Z{lines}";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _watching;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
