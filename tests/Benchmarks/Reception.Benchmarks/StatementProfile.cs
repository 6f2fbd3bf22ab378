using System.Globalization;
using Npgsql;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// Which SQL a scenario cost, per operation, from PostgreSQL's own statistics (pg_stat_statements, which the benchmark's
/// server preloads): the profile behind a scenario's PostgreSQL column, and the list of statements a change should remove.
/// Execution time is the server's wall time per statement (planning excluded), close to its CPU for data in memory.
/// </summary>
public sealed class StatementProfile(BenchmarkSystem system)
{
    /// <summary>The server setting that loads the statistics; the benchmark adds it to PostgreSQL's arguments.</summary>
    public static readonly string[] ServerArguments = ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all", "-c", "pg_stat_statements.track_planning=on"];

    private Dictionary<string, long> _sessions = [];

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _sessions = await SessionsAsync(connection, cancellationToken);
    }

    /// <summary>Connections each database has accepted (pg_stat_database.sessions): a pool that keeps opening new ones shows here.</summary>
    private static async Task<Dictionary<string, long>> SessionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT datname, sessions FROM pg_stat_database WHERE datname IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sessions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return sessions;
    }

    /// <summary>Prints, per database, the statements and their time per operation since <see cref="ResetAsync"/>, then the costliest statements.</summary>
    public async Task PrintAsync(string scenario, int operations, int top, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var sessions = await SessionsAsync(connection, cancellationToken);
        Console.WriteLine();
        Console.WriteLine($"SQL per operation of \"{scenario}\" ({operations:N0} operations; pg_stat_statements, every database; COMMIT and BEGIN included):");
        await using (var perDatabase = new NpgsqlCommand(
            """
            SELECT d.datname, sum(s.calls), sum(s.total_exec_time), sum(s.calls) FILTER (WHERE s.query ILIKE 'commit%'), sum(s.total_plan_time)
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname <> 'postgres'
            GROUP BY d.datname ORDER BY sum(s.total_exec_time) DESC
            """, connection))
        await using (var reader = await perDatabase.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var database = reader.GetString(0);
                var commits = reader.IsDBNull(3) ? 0m : reader.GetDecimal(3);
                var opened = sessions.GetValueOrDefault(database) - _sessions.GetValueOrDefault(database);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {database,-16} {reader.GetDecimal(1) / operations,7:0.0} statements, {commits / operations,5:0.0} explicit commits, executing {reader.GetDouble(2) / operations,6:0.00} ms, planning {reader.GetDouble(4) / operations,6:0.00} ms; {opened} connections opened"));
            }
        }

        Console.WriteLine($"  the {top} costliest statements, executing and planning (per operation: calls, executing ms, planning ms; then the statement):");
        await using var costliest = new NpgsqlCommand(
            """
            SELECT d.datname, s.calls, s.total_exec_time, regexp_replace(s.query, '\s+', ' ', 'g'), s.total_plan_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname <> 'postgres'
            ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT $1
            """, connection)
        {
            Parameters = { new() { Value = top } },
        };
        await using var rows = await costliest.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var query = rows.GetString(3);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {rows.GetString(0),-14} {rows.GetInt64(1) / (double)operations,6:0.00} {rows.GetDouble(2) / operations,6:0.000} {rows.GetDouble(4) / operations,6:0.000}  {(query.Length > 150 ? query[..150] + "…" : query)}"));
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(system.Server);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
