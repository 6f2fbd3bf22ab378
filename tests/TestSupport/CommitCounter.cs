using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PropertyPlatform.TestSupport;

/// <summary>
/// Counts what a service's DbContext commits, as PostgreSQL's <c>xact_commit</c> would: each committed transaction, and
/// each statement run outside one (PostgreSQL runs it as a transaction of its own). Each entry keeps its statements, so
/// a failing count shows which commit is new. A pooled connection that resets its session when taken again (Npgsql's
/// <c>DISCARD ALL</c>, unless <c>No Reset On Close</c>) commits that statement too: counted as well.
/// </summary>
public sealed class CommitCounter : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private const string ConnectionReset = "DISCARD ALL (the pooled connection's reset)";

    private readonly ConcurrentDictionary<DbTransaction, ConcurrentQueue<string>> _open = new();
    private readonly ConcurrentDictionary<int, bool> _backendsSeen = new();
    private ConcurrentQueue<Commit> _commits = new();

    /// <summary>A committed transaction (<see cref="Explicit"/>) or a statement that committed on its own.</summary>
    public sealed record Commit(bool Explicit, IReadOnlyList<string> Statements)
    {
        /// <summary>Whether it changed rows (or took a lock), as opposed to only reading.</summary>
        public bool Writes => Statements.Any(s => s != ConnectionReset && (!s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || s.Contains("FOR UPDATE", StringComparison.OrdinalIgnoreCase)));

        public override string ToString() =>
            (Explicit ? "transaction: " : "statement: ") + string.Join(" | ", Statements.Select(FirstLine));

        private static string FirstLine(string sql) => sql.Split('\n')[0].Trim() is var line && line.Length > 120 ? line[..120] : sql.Split('\n')[0].Trim();
    }

    public IReadOnlyList<Commit> Commits => [.. _commits];

    /// <summary>The transactions committed since <see cref="Reset"/> (the statements committed on their own excluded).</summary>
    public IReadOnlyList<Commit> Transactions => [.. _commits.Where(c => c.Explicit)];

    public void Reset() => _commits = new();

    /// <summary>Waits until nothing has been committed for a while: whatever an earlier step set off has finished.</summary>
    public async Task QuietAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var seen = -1;
        while (_commits.Count != seen)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The service kept committing for 30 s.");
            }

            seen = _commits.Count;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => RecordReset(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RecordReset(connection);
        return Task.CompletedTask;
    }

    /// <summary>A pooled connection used before sends its reset ahead of the first statement, as a transaction of its own.</summary>
    private void RecordReset(DbConnection connection)
    {
        if (connection is not NpgsqlConnection npgsql)
        {
            return;
        }

        var settings = new NpgsqlConnectionStringBuilder(npgsql.ConnectionString);
        if (!_backendsSeen.TryAdd(npgsql.ProcessID, true) && settings.Pooling && !settings.NoResetOnClose)
        {
            _commits.Enqueue(new Commit(false, [ConnectionReset]));
        }
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _open[result] = new();
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (_open.TryRemove(transaction, out var statements))
        {
            _commits.Enqueue(new Commit(true, [.. statements]));
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _open.TryRemove(transaction, out _);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => _open.TryRemove(transaction, out _);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (command.Transaction is { } transaction && _open.TryGetValue(transaction, out var statements))
        {
            statements.Enqueue(command.CommandText);
        }
        else if (command.Transaction is null)
        {
            _commits.Enqueue(new Commit(false, [command.CommandText]));
        }
    }
}
