using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Benchmarks;

/// <summary>
/// The floor a run is compared with: the same bill rows (same columns, same count) written by one binary COPY in one
/// transaction into a table shaped like <c>bills</c> (same columns, types and indexes) in the same database.
/// </summary>
public static class CopyBaseline
{
    private const string Table = "copy_baseline_bills";

    public static async Task<TimeSpan> RunAsync(string connectionString, IReadOnlyList<Bill> bills, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (LIKE bills INCLUDING ALL)", ct);
        await ExecuteAsync(connection, "CHECKPOINT", ct);

        var clock = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            await using (var writer = await connection.BeginBinaryImportAsync(
                $"COPY {Table} (id, estate_id, run_id, unit_id, period, period_end, fee_item, total, currency, due_on, issued_at, lines) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var bill in bills)
                {
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(bill.Id, NpgsqlDbType.Uuid, ct);
                    await writer.WriteAsync(bill.EstateId, NpgsqlDbType.Uuid, ct);
                    await writer.WriteAsync(bill.RunId, NpgsqlDbType.Uuid, ct);
                    await writer.WriteAsync(bill.UnitId, NpgsqlDbType.Uuid, ct);
                    await writer.WriteAsync(bill.Period, NpgsqlDbType.Date, ct);
                    await writer.WriteAsync(bill.PeriodEnd, NpgsqlDbType.Date, ct);
                    await writer.WriteAsync(bill.FeeItem.ToString(), NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(bill.Total, NpgsqlDbType.Numeric, ct);
                    await writer.WriteAsync(bill.Currency, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(bill.DueOn, NpgsqlDbType.Date, ct);
                    await writer.WriteAsync(bill.IssuedAt, NpgsqlDbType.TimestampTz, ct);
                    await writer.WriteAsync(JsonSerializer.Serialize(bill.Lines), NpgsqlDbType.Jsonb, ct);
                }

                await writer.CompleteAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        clock.Stop();
        await ExecuteAsync(connection, $"DROP TABLE {Table}", ct);
        return clock.Elapsed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
