using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// Fills one estate with units and customer requests fast: rows are made by reception's own domain (so deadlines,
/// statuses and the SLA columns are what the app itself would store) and written with PostgreSQL's binary COPY in
/// the columns reception's EF model maps them to. Seeding is not what is measured.
/// </summary>
public sealed class EstateSeeder(string connectionString)
{
    private static readonly string[] Descriptions =
    [
        "Water leaking from the bathroom ceiling", "Kitchen tap dripping", "Corridor light broken on this floor",
        "Elevator stops between floors", "No hot water since this morning", "When is the water supply off?",
        "Parcel left at the gate", "Noise from the flat above at night", "Please trim the trees by building 3",
        "Complaint about parking in the fire lane",
    ];

    private static readonly RequestChannel[] Channels = Enum.GetValues<RequestChannel>();
    private static readonly RequestCategory[] Categories = Enum.GetValues<RequestCategory>();
    private static readonly Urgency[] Urgencies = Enum.GetValues<Urgency>();

    public async Task<Guid[]> SeedUnitsAsync(Guid estateId, Guid[] buildingIds, int units, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.AddYears(-3);
        var perBuilding = (units + buildingIds.Length - 1) / buildingIds.Length;
        var rows = Enumerable.Range(0, units).Select(i =>
        {
            var building = buildingIds[i / perBuilding];
            var inBuilding = i % perBuilding;
            var floor = (inBuilding / 8) + 1;
            return Unit.Register(
                estateId, building, $"{floor}{(inBuilding % 8) + 1:00}", floor, 60m + (i % 90), UnitUsage.Residential,
                i % 10 == 0 ? UnitStatus.Vacant : UnitStatus.Occupied, now.AddSeconds(i));
        }).ToList();
        await CopyAsync(rows, cancellationToken);
        return [.. rows.Select(u => u.Id)];
    }

    /// <summary>
    /// <paramref name="count"/> requests spread over the last two years, newest last; those older than a day are routed
    /// (a work order id) and answered, the rest still open — as the app would have left them.
    /// </summary>
    public async Task SeedRequestsAsync(Guid estateId, Guid[] unitIds, int count, CancellationToken cancellationToken)
    {
        EstateCalendar calendar;
        await using (var db = NewContext())
        {
            calendar = (await db.Estates.AsNoTracking().SingleAsync(e => e.Id == estateId, cancellationToken)).Calendar();
        }

        var end = DateTimeOffset.UtcNow.AddMinutes(-10);
        var start = end.AddYears(-2);
        var step = (end - start) / count;
        var random = new Random(42);
        const int Batch = 20_000;
        for (var offset = 0; offset < count; offset += Batch)
        {
            var rows = new List<CustomerRequest>(Batch);
            for (var i = offset; i < Math.Min(count, offset + Batch); i++)
            {
                var receivedAt = start + (step * i) + TimeSpan.FromMilliseconds(random.Next(1000));
                var request = CustomerRequest.Record(
                    estateId,
                    i % 20 == 0 ? null : unitIds[random.Next(unitIds.Length)],
                    Channels[random.Next(Channels.Length)],
                    Categories[random.Next(Categories.Length)],
                    Urgencies[random.Next(Urgencies.Length)],
                    Descriptions[random.Next(Descriptions.Length)],
                    $"Resident {random.Next(10_000)}",
                    $"138{random.Next(10_000_000, 99_999_999)}",
                    "benchmark-seed",
                    calendar,
                    receivedAt,
                    Guid.NewGuid());
                if (end - receivedAt > TimeSpan.FromDays(1))
                {
                    request.MarkRouted(Guid.CreateVersion7(receivedAt), receivedAt.AddMinutes(random.Next(1, 8)));
                    request.GiveFeedback("Handled", receivedAt.AddHours(random.Next(1, 6)));
                }

                rows.Add(request);
            }

            await CopyAsync(rows, cancellationToken);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var analyze = new NpgsqlCommand("ANALYZE customer_requests; ANALYZE units;", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes <paramref name="rows"/> with binary COPY into their table, every mapped column (owned values included).</summary>
    private async Task CopyAsync<TEntity>(IReadOnlyList<TEntity> rows, CancellationToken cancellationToken) where TEntity : class
    {
        await using var db = NewContext();
        var columns = Columns(db.Model.FindEntityType(typeof(TEntity))!, out var table);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var sql = $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Read(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(value, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private ReceptionDbContext NewContext() => new(
        new DbContextOptionsBuilder<ReceptionDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options,
        EstateScope.System);

    private sealed record Column(string Name, Func<object, object?> Read);

    /// <summary>The table's columns as EF maps them: the entity's own properties, then those of its owned values.</summary>
    private static List<Column> Columns(IEntityType entityType, out string table)
    {
        table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = new List<Column>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(IProperty property, Func<object, object?> owner)
        {
            // xmin is PostgreSQL's own; shadow keys of owned values repeat the owner's id.
            if (property.IsShadowProperty() || property.ValueGenerated == ValueGenerated.OnAddOrUpdate)
            {
                return;
            }

            var name = property.GetColumnName(store);
            if (name is null || !seen.Add(name))
            {
                return;
            }

            var getter = property.GetGetter();
            var converter = property.GetTypeMapping().Converter;
            columns.Add(new Column(name, row =>
            {
                var entity = owner(row);
                var value = entity is null ? null : getter.GetClrValue(entity);
                value = value is null || converter is null ? value : converter.ConvertToProvider(value);
                return value is DateTimeOffset instant ? instant.ToUniversalTime() : value;
            }));
        }

        foreach (var property in entityType.GetProperties())
        {
            Add(property, row => row);
        }

        foreach (var navigation in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned()))
        {
            var ownedGetter = navigation.GetGetter();
            foreach (var property in navigation.TargetEntityType.GetProperties())
            {
                Add(property, row => ownedGetter.GetClrValue(row));
            }
        }

        Debug.Assert(columns.Count > 0);
        return columns;
    }
}
