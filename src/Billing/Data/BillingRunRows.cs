using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;

namespace PropertyPlatform.Billing.Data;

/// <summary>
/// A run's bills and their open items written with binary COPY on the run's connection, inside its one transaction: the
/// same rows EF would insert (the columns of <c>BillConfiguration</c> and <c>ReceivableConfiguration</c>, the lines as the
/// JSON EF reads back), without an INSERT and a tracked entity each. The unique keys still hold: a bill for a unit the
/// run already billed fails the COPY, and the transaction with it.
/// </summary>
public static class BillingRunRows
{
    public static async Task CopyBillsAsync(this BillingDbContext db, IReadOnlyCollection<Bill> bills, CancellationToken cancellationToken)
    {
        await using var writer = await Connection(db).BeginBinaryImportAsync(
            "COPY bills (id, estate_id, run_id, unit_id, period, fee_item, total, currency, due_on, issued_at, lines) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var bill in bills)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(bill.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.EstateId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.RunId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.UnitId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.Period, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(bill.FeeItem.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(bill.Total, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(bill.Currency, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(bill.DueOn, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(bill.IssuedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            // EF's JSON column: the lines' CLR property names, as BillConfiguration's ToJson maps them.
            await writer.WriteAsync(JsonSerializer.Serialize(bill.Lines), NpgsqlDbType.Jsonb, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    public static async Task CopyReceivablesAsync(this BillingDbContext db, IReadOnlyCollection<Receivable> receivables, CancellationToken cancellationToken)
    {
        await using var writer = await Connection(db).BeginBinaryImportAsync(
            "COPY receivables (id, estate_id, unit_id, fee_item, description, amount, currency, due_on, booked_at, source, source_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var item in receivables)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(item.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(item.EstateId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(item.UnitId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(item.FeeItem.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(item.Description, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(item.Amount, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(item.Currency, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(item.DueOn, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(item.BookedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(item.Source, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(item.SourceId, NpgsqlDbType.Uuid, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>The audit entry of an issued bill: every column, its lines included (the interceptor would list them as entries of their own).</summary>
    public static AuditEntry Audited(Bill bill, string actor, Guid correlationId) => AuditCopy.Created(
        actor, bill.EstateId, nameof(Bill), bill.Id.ToString(), new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(Bill.Currency)] = bill.Currency,
            [nameof(Bill.DueOn)] = bill.DueOn,
            [nameof(Bill.EstateId)] = bill.EstateId,
            [nameof(Bill.FeeItem)] = bill.FeeItem,
            [nameof(Bill.Id)] = bill.Id,
            [nameof(Bill.IssuedAt)] = bill.IssuedAt,
            [nameof(Bill.Lines)] = bill.Lines,
            [nameof(Bill.Period)] = bill.Period,
            [nameof(Bill.RunId)] = bill.RunId,
            [nameof(Bill.Total)] = bill.Total,
            [nameof(Bill.UnitId)] = bill.UnitId,
        }, correlationId, null, bill.IssuedAt);

    public static AuditEntry Audited(Receivable item, string actor, Guid correlationId) => AuditCopy.Created(
        actor, item.EstateId, nameof(Receivable), item.Id.ToString(), new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(Receivable.Amount)] = item.Amount,
            [nameof(Receivable.BookedAt)] = item.BookedAt,
            [nameof(Receivable.Currency)] = item.Currency,
            [nameof(Receivable.Description)] = item.Description,
            [nameof(Receivable.DueOn)] = item.DueOn,
            [nameof(Receivable.EstateId)] = item.EstateId,
            [nameof(Receivable.FeeItem)] = item.FeeItem,
            [nameof(Receivable.Id)] = item.Id,
            [nameof(Receivable.Source)] = item.Source,
            [nameof(Receivable.SourceId)] = item.SourceId,
            [nameof(Receivable.UnitId)] = item.UnitId,
        }, correlationId, null, item.BookedAt);

    private static NpgsqlConnection Connection(BillingDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();
}
