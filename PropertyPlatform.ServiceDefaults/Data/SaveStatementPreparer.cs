using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PropertyPlatform.ServiceDefaults.Data;

/// <summary>
/// Prepares the statements a SaveChanges sends (its INSERTs, and its UPDATEs and DELETEs by key) on each connection, so
/// PostgreSQL parses and plans each of them once per connection instead of on every save: a repair intake's saves were
/// most of the 2.5 ms PostgreSQL spent planning per intake, and a quarter of its CPU went to parsing and planning.
/// </summary>
/// <remarks>
/// <para>
/// Explicitly, in a round trip of its own before the statement first runs on a connection, not through Npgsql's
/// auto-prepare (<c>Max Auto Prepare</c>): auto-prepare parses in the same round trip as the statement's first
/// execution, and a statement that failed there (the inbox's duplicate key on a redelivery) and rolled back left its
/// prepared twin corrupt on that connection; a later save failed with "Received unexpected backend message DataRow"
/// (npgsql/npgsql#6391, open). A statement prepared here has its description before it ever runs, and a failing
/// execution changes nothing about it.
/// </para>
/// <para>
/// Queries stay unprepared: after five runs PostgreSQL may keep a prepared query's generic plan, which cannot see that one
/// estate has 200,000 requests and another 20. A save's statements find their row by key (or insert one), where the
/// generic plan is the plan. The number of distinct saves one process prepares is capped (<see cref="MaxCommands"/>): each
/// prepared statement holds server memory on each of the service's connections for as long as the connection lives.
/// </para>
/// </remarks>
public sealed class SaveStatementPreparer : DbCommandInterceptor
{
    /// <summary>The most distinct save commands (batches of statements) one process prepares; later ones run unprepared.</summary>
    public const int MaxCommands = 500;

    private readonly ConcurrentDictionary<string, bool> _commands = new(StringComparer.Ordinal);

    // A save's batches always run as a reader (EF reads back rows affected and generated values): no non-query override.

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (ShouldPrepare(command, eventData) is { } npgsql)
        {
            npgsql.Prepare();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (ShouldPrepare(command, eventData) is { } npgsql)
        {
            await npgsql.PrepareAsync(cancellationToken);
        }

        return result;
    }

    private NpgsqlCommand? ShouldPrepare(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource != CommandSource.SaveChanges || command is not NpgsqlCommand { IsPrepared: false } npgsql)
        {
            return null;
        }

        var text = command.CommandText;
        return _commands.ContainsKey(text) || (_commands.Count < MaxCommands && _commands.TryAdd(text, true)) ? npgsql : null;
    }
}
