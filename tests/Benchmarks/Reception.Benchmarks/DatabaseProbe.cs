using System.Diagnostics;
using Npgsql;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>What the benchmark reads from PostgreSQL itself: commits per database, and where the repair flow got to.</summary>
public sealed class DatabaseProbe(BenchmarkSystem system)
{
    /// <summary>
    /// A backend reports its commits to pg_stat_database at most once a second while busy and after 10 s once idle:
    /// wait this long before a snapshot that must include everything before it.
    /// </summary>
    public static readonly TimeSpan StatisticsFlush = TimeSpan.FromSeconds(11);

    public async Task<Dictionary<string, long>> CommitsAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(system.Server);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT datname, xact_commit FROM pg_stat_database WHERE datname IS NOT NULL AND datname NOT IN ('template0', 'template1')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var commits = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            commits[reader.GetString(0)] = reader.GetInt64(1);
        }

        return commits;
    }

    /// <summary>
    /// Waits until reception's outbox has published everything it holds (after an import, thousands of announcements), so
    /// the next scenario doesn't pay for the last one's events; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> WaitOutboxDrainedAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(system.ReceptionDatabase);
        await connection.OpenAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL AND parked_at IS NULL", connection);
            var pending = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (pending == 0)
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{pending} events still in reception's outbox after 10 minutes.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Waits until every repair request of the estate received since <paramref name="since"/> knows its work order.</summary>
    public async Task WaitRoutedAsync(Guid estateId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(system.ReceptionDatabase);
        await connection.OpenAsync(cancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM customer_requests WHERE estate_id = $1 AND received_at >= $2 AND work_order_id IS NULL", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = estateId });
            command.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
            var waiting = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (waiting == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{waiting} repair requests still without a work order after 3 minutes.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>
    /// Accepted → routed for each request, in ms: from the request's <c>received_at</c> (stamped in the intake's
    /// transaction) to the audit entry reception writes when <c>WorkOrderCreated</c> records the work order on it.
    /// </summary>
    public async Task<double[]> AcceptedToRoutedAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(system.ReceptionDatabase);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT EXTRACT(EPOCH FROM (min(a.occurred_at) - r.received_at)) * 1000
            FROM customer_requests r
            JOIN audit_entries a ON a.entity_id = r.id::text AND a.action = 'Updated' AND a.changes::text ILIKE '%workorderid%'
            WHERE r.id = ANY($1)
            GROUP BY r.id, r.received_at
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = requestIds.ToArray() });
        var latencies = new List<double>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            latencies.Add((double)reader.GetDecimal(0));
        }

        return [.. latencies.Order()];
    }

    /// <summary>Ids of <paramref name="count"/> seeded requests of the estate, to GET by id.</summary>
    public async Task<Guid[]> RequestIdsAsync(Guid estateId, int count, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(system.ReceptionDatabase);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id FROM customer_requests WHERE estate_id = $1 ORDER BY received_at DESC LIMIT $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = estateId });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }
}
