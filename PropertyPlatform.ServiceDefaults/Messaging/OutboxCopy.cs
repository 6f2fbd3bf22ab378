using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PropertyPlatform.ServiceDefaults.Data;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Writes many outbox rows with one binary COPY on the context's connection, inside its current transaction: the events
/// of a bulk change (a billing run's bills) commit or roll back with it, exactly as <c>AddIntegrationEvent</c> rows do,
/// without an INSERT each. Their <see cref="OutboxMessage.Sequence"/> is assigned in the order given; the outbox
/// table's statement trigger (<see cref="OutboxWakeup"/>) fires for a COPY too, so the dispatcher wakes at the commit.
/// </summary>
public static class OutboxCopy
{
    public static async Task CopyOutboxMessagesAsync(this DbContext db, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_messages (event_id, event_type, payload, correlation_id, occurred_at, trace_parent, trace_state, attempts) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var message in messages)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(message.EventId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(message.EventType, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(message.Payload, NpgsqlDbType.Jsonb, cancellationToken);
            await writer.WriteAsync(message.CorrelationId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(message.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteNullableAsync(message.TraceParent, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteNullableAsync(message.TraceState, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(message.Attempts, NpgsqlDbType.Integer, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
