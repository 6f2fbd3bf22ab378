using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Features.RegistryImports;

/// <summary>What an import created.</summary>
public readonly record struct ImportCounts(int Buildings, int Units, int Owners);

/// <summary>
/// Writes a checked <see cref="RegistryImportPlan"/>: buildings, units and owners, each announced as the single-record
/// endpoints announce them (<c>UnitRegistered</c>, <c>OwnerRegistered</c> through the outbox) and audited as the
/// interceptor audits a created record, in the name of whoever uploaded the file. Units and owners go in chunks of binary
/// COPY with their announcements and audit entries (an EF save of ten thousand units and as many outbox and audit rows
/// took most of the import's 5–17 s; the owners' save still took about a third of a 10,000-row import); the few buildings
/// are one EF save. The caller's transaction makes the whole file one change.
/// </summary>
internal static class RegistryImportWriter
{
    public const int ChunkSize = 1000;

    /// <param name="progress">Told the number of rows written after each chunk.</param>
    public static async Task<ImportCounts> WriteAsync(
        ReceptionDbContext db,
        RegistryImportPlan plan,
        RegistryImport import,
        DateTimeOffset now,
        Func<int, CancellationToken, Task> progress,
        CancellationToken cancellationToken)
    {
        // Only additions are tracked here: nothing to detect changes in, so the saves skip that scan.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await WriteAddingOnlyAsync(db, plan, import, now, progress, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private static async Task<ImportCounts> WriteAddingOnlyAsync(
        ReceptionDbContext db,
        RegistryImportPlan plan,
        RegistryImport import,
        DateTimeOffset now,
        Func<int, CancellationToken, Task> progress,
        CancellationToken cancellationToken)
    {
        var buildingIds = new Dictionary<string, Guid>(plan.ExistingBuildings, StringComparer.Ordinal);
        foreach (var (code, name) in plan.NewBuildings)
        {
            var building = Building.Create(plan.EstateId, code, name, now);
            db.Buildings.Add(building);
            buildingIds[code] = building.Id;
        }

        // The buildings first: the units' COPY below checks its foreign key against them.
        await SaveAsync(db, cancellationToken);
        var unitIds = new Dictionary<(string, string), Guid>();
        var (actor, correlationId) = (import.RequestedBy, import.CorrelationId);
        var operation = $"registry import {import.Id}";
        var written = 0;
        // The rows of the next chunk (units, their announcements and audit entries: JSON to serialize) are made on another
        // core while PostgreSQL takes in this chunk's.
        var chunks = plan.Units.Chunk(ChunkSize).ToArray();
        Task<UnitRows> Make(int chunk) =>
            Task.Run(() => UnitRows.Of(plan.EstateId, chunks[chunk], buildingIds, now, actor, correlationId, operation), cancellationToken);
        var next = chunks.Length > 0 ? Make(0) : null;
        for (var i = 0; i < chunks.Length; i++)
        {
            var rows = await next!;
            next = i + 1 < chunks.Length ? Make(i + 1) : null;
            foreach (var (row, unit) in chunks[i].Zip(rows.Units))
            {
                unitIds[(row.BuildingCode, row.Number)] = unit.Id;
            }

            await db.CopyUnitsAsync(rows.Units, cancellationToken);
            await db.CopyOutboxMessagesAsync(rows.Announcements, cancellationToken);
            await db.CopyAuditEntriesAsync(rows.Audit, cancellationToken);
            written += chunks[i].Length;
            await progress(written, cancellationToken);
        }

        foreach (var chunk in plan.Owners.Chunk(ChunkSize))
        {
            var owners = chunk
                .Select(planned => Owner.Register(plan.EstateId, planned.FullName, planned.Phone, planned.IdNumber, planned.Units.Select(u => unitIds[u]), now))
                .ToList();
            await db.CopyOwnersAsync(owners, cancellationToken);
            await db.CopyOutboxMessagesAsync([.. owners.Select(o => OutboxDbContextExtensions.ToOutboxMessage(RegistryRules.Registered(o, now, correlationId)))], cancellationToken);
            await db.CopyAuditEntriesAsync([.. owners.Select(o => RegistryRows.Audited(o, actor, correlationId, operation))], cancellationToken);
        }

        return new ImportCounts(plan.NewBuildings.Count, plan.Units.Count, plan.Owners.Count);
    }

    /// <summary>A chunk of units as written: the units, their <c>UnitRegistered</c> announcements and their audit entries.</summary>
    private sealed record UnitRows(List<Unit> Units, List<OutboxMessage> Announcements, List<AuditEntry> Audit)
    {
        public static UnitRows Of(
            Guid estateId, PlannedUnit[] chunk, Dictionary<string, Guid> buildingIds, DateTimeOffset now, string actor, Guid correlationId, string operation)
        {
            var rows = new UnitRows(new(chunk.Length), new(chunk.Length), new(chunk.Length));
            foreach (var row in chunk)
            {
                var unit = Unit.Register(estateId, buildingIds[row.BuildingCode], row.Number, row.Floor, row.FloorArea, row.Usage, row.Status, now);
                rows.Units.Add(unit);
                rows.Announcements.Add(OutboxDbContextExtensions.ToOutboxMessage(RegistryRules.Registered(unit, now, correlationId)));
                rows.Audit.Add(RegistryRows.Audited(unit, actor, correlationId, operation));
            }

            return rows;
        }
    }

    /// <summary>Saves a chunk and forgets it, so change tracking stays as cheap for the last chunk as for the first.</summary>
    private static async Task SaveAsync(ReceptionDbContext db, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
