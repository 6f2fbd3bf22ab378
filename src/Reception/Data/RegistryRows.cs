using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Auditing;

namespace PropertyPlatform.Reception.Data;

/// <summary>
/// Units and owners written with binary COPY on the context's connection, inside its current transaction: the same rows EF would
/// insert (the columns of <c>UnitConfiguration</c>, the enums as their names), for a registry import of thousands of
/// units, without an INSERT and a tracked entity each. The unique key (building, number) still holds: a unit registered
/// meanwhile fails the COPY, and the import's transaction with it.
/// </summary>
public static class RegistryRows
{
    public static async Task CopyUnitsAsync(this ReceptionDbContext db, IReadOnlyCollection<Unit> units, CancellationToken cancellationToken)
    {
        await using var writer = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImportAsync(
            "COPY units (id, estate_id, building_id, number, floor, floor_area, usage, status, registered_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var unit in units)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(unit.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(unit.EstateId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(unit.BuildingId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(unit.Number, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(unit.Floor, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(unit.FloorArea, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(unit.Usage.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(unit.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(unit.RegisteredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>Owners written with binary COPY, like <see cref="CopyUnitsAsync"/>; the unique key (estate, phone) still holds.</summary>
    public static async Task CopyOwnersAsync(this ReceptionDbContext db, IReadOnlyCollection<Owner> owners, CancellationToken cancellationToken)
    {
        await using var writer = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImportAsync(
            "COPY owners (id, estate_id, full_name, phone, id_number, unit_ids, registered_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var owner in owners)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(owner.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(owner.EstateId, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(owner.FullName, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(owner.Phone, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(owner.IdNumber, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(owner.UnitIds, NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(owner.RegisteredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>The audit entry of an imported unit: every column, in the interceptor's (alphabetical) order.</summary>
    public static AuditEntry Audited(Unit unit, string actor, Guid correlationId, string operation) => AuditCopy.Created(
        actor, unit.EstateId, nameof(Unit), unit.Id.ToString(),
        new { unit.BuildingId, unit.EstateId, unit.Floor, unit.FloorArea, unit.Id, unit.Number, unit.RegisteredAt, unit.Status, unit.Usage },
        correlationId, operation, unit.RegisteredAt);

    /// <summary>The audit entry of an imported owner, the phone and identity number masked as the interceptor masks private data.</summary>
    public static AuditEntry Audited(Owner owner, string actor, Guid correlationId, string operation) => AuditCopy.Created(
        actor, owner.EstateId, nameof(Owner), owner.Id.ToString(),
        new { owner.EstateId, owner.FullName, owner.Id, IdNumber = AuditInterceptor.Masked, Phone = AuditInterceptor.Masked, owner.RegisteredAt, owner.UnitIds },
        correlationId, operation, owner.RegisteredAt);
}
