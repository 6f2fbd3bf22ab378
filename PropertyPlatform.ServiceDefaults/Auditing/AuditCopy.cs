using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PropertyPlatform.ServiceDefaults.Data;

namespace PropertyPlatform.ServiceDefaults.Auditing;

/// <summary>
/// The audit trail of a bulk change written without the change tracker: entries built like the ones
/// <see cref="AuditInterceptor"/> records for created records, written with one binary COPY on the context's connection
/// inside its current transaction, so they commit or roll back with the rows they describe.
/// </summary>
public static class AuditCopy
{
    /// <summary>The entry of a created record; <paramref name="values"/> (its properties and values) serialized as the interceptor does.</summary>
    public static AuditEntry Created(
        string actor, Guid? estateId, string entityType, string entityId, object values, Guid? correlationId, string? operation, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OccurredAt = now,
        Actor = actor,
        EstateId = estateId,
        EntityType = entityType,
        EntityId = entityId,
        Action = AuditAction.Created,
        Changes = JsonSerializer.Serialize(values, AuditInterceptor.JsonOptions),
        CorrelationId = correlationId,
        Operation = operation,
    };

    public static async Task CopyAuditEntriesAsync(this DbContext db, IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY audit_entries (id, occurred_at, actor, actor_name, estate_id, entity_type, entity_id, action, changes, correlation_id, operation) " +
            "FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var entry in entries)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(entry.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(entry.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(entry.Actor, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteNullableAsync(entry.ActorName, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteNullableAsync(entry.EstateId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(entry.EntityType, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(entry.EntityId, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(entry.Action.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(entry.Changes, NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteNullableAsync(entry.CorrelationId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteNullableAsync(entry.Operation, NpgsqlDbType.Varchar, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
