using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PropertyPlatform.TestSupport;

/// <summary>
/// Records PostgreSQL's plan of every query a DbContext runs, planned with sequential scans off: a query that still
/// scans a table, or uses no index meant for it, has no index to serve it. Add it with <c>AddInterceptors</c>.
/// </summary>
public sealed class QueryPlanRecorder(bool recording = true) : DbCommandInterceptor
{
    /// <summary>Whether queries are recorded now (off while a test arranges its data through the same context).</summary>
    public bool Recording { get; set; } = recording;

    /// <summary>Each recorded query's text, then its plan, one line each.</summary>
    public List<string> Plans { get; } = [];

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!Recording)
        {
            return result;
        }

        await using (var off = (NpgsqlCommand)command.Connection!.CreateCommand())
        {
            off.CommandText = "SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var explain = (NpgsqlCommand)command.Connection!.CreateCommand();
        explain.CommandText = "EXPLAIN " + command.CommandText;
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string> { command.CommandText };
        await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0));
            }
        }

        Plans.Add(string.Join(Environment.NewLine, lines));
        return result;
    }
}
