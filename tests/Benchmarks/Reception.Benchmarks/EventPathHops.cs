using Npgsql;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// Where accepted → routed goes, hop by hop, read from the rows each step leaves behind (every stamp comes from the
/// services' clocks on this one machine):
/// <list type="number">
/// <item>reception's outbox: the request's intake committed, the dispatcher woke and <c>RepairRequested</c> was confirmed by the broker (<c>published_at</c>);</item>
/// <item>the broker delivered it and maintenance's consumer began (its inbox row's <c>processed_at</c>);</item>
/// <item>maintenance opened the work order, committed, and its dispatcher had <c>WorkOrderCreated</c> confirmed;</item>
/// <item>the broker delivered that and reception's consumer began;</item>
/// <item>reception marked the request routed (the audit entry the event path ends at).</item>
/// </list>
/// A consumer can begin before its publisher's confirm returns, so a delivery hop can be slightly negative.
/// </summary>
public static class EventPathHops
{
    private static readonly string[] HopNames =
    [
        "1 intake → RepairRequested confirmed (reception outbox)",
        "2 → maintenance consumer begins (broker delivery)",
        "3 → WorkOrderCreated confirmed (maintenance: work order, commit, outbox)",
        "4 → reception consumer begins (broker delivery)",
        "5 → request marked routed (reception consumer)",
        "accepted → routed (the sum)",
    ];

    public static async Task PrintAsync(BenchmarkSystem system, IReadOnlyCollection<Guid> requestIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var ids = requestIds.ToArray();
        var reception = await ReceptionStampsAsync(system.ReceptionDatabase, ids, since, cancellationToken);
        var created = await WorkOrdersCreatedAsync(system.MaintenanceDatabase, ids, since, cancellationToken);
        var maintenanceBegan = await ConsumersBeganAsync(
            system.MaintenanceDatabase, "RepairRequestedConsumer", [.. reception.Values.Select(r => r.RequestedEventId)], cancellationToken);
        var receptionBegan = await ConsumersBeganAsync(
            system.ReceptionDatabase, "WorkOrderCreatedConsumer", [.. created.Values.Select(c => c.EventId)], cancellationToken);

        var hops = HopNames.Select(_ => new List<double>()).ToArray();
        foreach (var (requestId, r) in reception)
        {
            if (!maintenanceBegan.TryGetValue(r.RequestedEventId, out var maintenanceConsumed)
                || !created.TryGetValue(requestId, out var workOrder)
                || !receptionBegan.TryGetValue(workOrder.EventId, out var receptionConsumed))
            {
                continue;
            }

            DateTime[] stamps = [r.ReceivedAt, r.RequestedPublishedAt, maintenanceConsumed, workOrder.PublishedAt, receptionConsumed, r.RoutedAt];
            for (var hop = 0; hop < 5; hop++)
            {
                hops[hop].Add((stamps[hop + 1] - stamps[hop]).TotalMilliseconds);
            }

            hops[5].Add((r.RoutedAt - r.ReceivedAt).TotalMilliseconds);
        }

        Console.WriteLine();
        Console.WriteLine($"Event path hop by hop ({hops[5].Count} of {ids.Length} requests traced through both databases), ms:");
        Report.Table(["hop", "p50", "p90", "p99", "max", "mean"], [.. HopNames.Select((name, i) =>
        {
            var sorted = hops[i].Order().ToArray();
            return new[]
            {
                name, Latency.Ms(Latency.Percentile(sorted, 50)), Latency.Ms(Latency.Percentile(sorted, 90)), Latency.Ms(Latency.Percentile(sorted, 99)),
                Latency.Ms(sorted.LastOrDefault()), Latency.Ms(sorted.DefaultIfEmpty().Average()),
            };
        })]);
    }

    private sealed record ReceptionStamps(DateTime ReceivedAt, Guid RequestedEventId, DateTime RequestedPublishedAt, DateTime RoutedAt);

    private sealed record Published(Guid EventId, DateTime PublishedAt);

    private static async Task<Dictionary<Guid, ReceptionStamps>> ReceptionStampsAsync(string database, Guid[] ids, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT r.id, r.received_at, o.event_id, o.published_at,
                   (SELECT min(a.occurred_at) FROM audit_entries a
                    WHERE a.entity_id = r.id::text AND a.action = 'Updated' AND a.changes::text ILIKE '%workorderid%')
            FROM customer_requests r
            JOIN outbox_messages o ON o.occurred_at >= $2 AND o.event_type LIKE '%.RepairRequested,%'
                                  AND (o.payload ->> 'requestId')::uuid = r.id
            WHERE r.id = ANY($1) AND o.published_at IS NOT NULL
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        command.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
        var stamps = new Dictionary<Guid, ReceptionStamps>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!await reader.IsDBNullAsync(4, cancellationToken))
            {
                stamps[reader.GetGuid(0)] = new ReceptionStamps(reader.GetDateTime(1), reader.GetGuid(2), reader.GetDateTime(3), reader.GetDateTime(4));
            }
        }

        return stamps;
    }

    /// <summary>Maintenance's <c>WorkOrderCreated</c> per request: its event id and when the broker confirmed it.</summary>
    private static async Task<Dictionary<Guid, Published>> WorkOrdersCreatedAsync(string database, Guid[] requestIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT (payload ->> 'requestId')::uuid, event_id, published_at
            FROM outbox_messages
            WHERE occurred_at >= $2 AND event_type LIKE '%.WorkOrderCreated,%' AND published_at IS NOT NULL
              AND (payload ->> 'requestId')::uuid = ANY($1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = requestIds });
        command.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
        var published = new Dictionary<Guid, Published>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            published[reader.GetGuid(0)] = new Published(reader.GetGuid(1), reader.GetDateTime(2));
        }

        return published;
    }

    /// <summary>When <paramref name="consumer"/> began each event: its inbox row, written as its transaction began.</summary>
    private static async Task<Dictionary<Guid, DateTime>> ConsumersBeganAsync(string database, string consumer, Guid[] eventIds, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT message_id, processed_at FROM inbox_messages WHERE consumer = $1 AND message_id = ANY($2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = eventIds });
        var began = new Dictionary<Guid, DateTime>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            began[reader.GetGuid(0)] = reader.GetDateTime(1);
        }

        return began;
    }
}
