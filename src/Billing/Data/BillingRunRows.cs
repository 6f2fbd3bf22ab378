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
            "COPY bills (id, estate_id, run_id, unit_id, period, period_end, fee_item, total, currency, due_on, issued_at, lines) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var bill in bills)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(bill.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.EstateId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.RunId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.UnitId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(bill.Period, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(bill.PeriodEnd, NpgsqlDbType.Date, cancellationToken);
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

    /// <summary>
    /// The audit entry of an issued bill: every column, in the interceptor's (alphabetical) order, its lines included (the
    /// interceptor would list them as entries of their own).
    /// </summary>
    public static AuditEntry Audited(Bill bill, string actor, Guid correlationId) => AuditCopy.Created(
        actor, bill.EstateId, nameof(Bill), bill.Id.ToString(),
        new { bill.Currency, bill.DueOn, bill.EstateId, bill.FeeItem, bill.Id, bill.IssuedAt, bill.Lines, bill.Period, bill.PeriodEnd, bill.RunId, bill.Total, bill.UnitId },
        correlationId, null, bill.IssuedAt);

    public static AuditEntry Audited(Receivable item, string actor, Guid correlationId) => AuditCopy.Created(
        actor, item.EstateId, nameof(Receivable), item.Id.ToString(),
        new { item.Amount, item.BookedAt, item.Currency, item.Description, item.DueOn, item.EstateId, item.FeeItem, item.Id, item.Source, item.SourceId, item.UnitId },
        correlationId, null, item.BookedAt);

    private static NpgsqlConnection Connection(BillingDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();
}
