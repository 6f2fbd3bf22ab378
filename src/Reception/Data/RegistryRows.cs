using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Data;

/// <summary>
/// Units written with binary COPY on the context's connection, inside its current transaction: the same rows EF would
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
}
