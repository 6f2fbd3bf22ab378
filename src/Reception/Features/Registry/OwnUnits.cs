using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Registry;

/// <summary>A unit as its owner sees it: where it is, and the estate's time zone that its dates are shown in.</summary>
public sealed record OwnUnitResponse(
    Guid Id, Guid EstateId, string EstateName, string TimeZoneId, Guid BuildingId, string BuildingCode, string Number, int Floor);

/// <summary>
/// The units an owner owns or lives in (the <c>unit</c> claims of their token), for the owners' portal: owners do not
/// read the registry itself.
/// </summary>
public static class OwnUnits
{
    public static async Task<Ok<Page<OwnUnitResponse>>> ListOwnUnits(
        ReceptionDbContext db, EstateScope scope, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var unitIds = scope.UnitIds;
        var query =
            from unit in db.Units.AsNoTracking()
            where unitIds.Contains(unit.Id)
            join estate in db.Estates on unit.EstateId equals estate.Id
            join building in db.Buildings on unit.BuildingId equals building.Id
            select new OwnUnitRow
            {
                Id = unit.Id,
                RegisteredAt = unit.RegisteredAt,
                EstateId = estate.Id,
                EstateName = estate.Name,
                TimeZoneId = estate.TimeZoneId,
                BuildingId = building.Id,
                BuildingCode = building.Code,
                Number = unit.Number,
                Floor = unit.Floor,
            };
        return TypedResults.Ok(await query.ToKeysetPageAsync(
            u => u.RegisteredAt, u => u.Id, cursor, limit,
            u => new OwnUnitResponse(u.Id, u.EstateId, u.EstateName, u.TimeZoneId, u.BuildingId, u.BuildingCode, u.Number, u.Floor),
            cancellationToken));
    }

    /// <summary>Member-initialised (not a positional record), so that EF Core can order and page by its members.</summary>
    private sealed class OwnUnitRow
    {
        public Guid Id { get; init; }

        public DateTimeOffset RegisteredAt { get; init; }

        public Guid EstateId { get; init; }

        public string EstateName { get; init; } = "";

        public string TimeZoneId { get; init; } = "";

        public Guid BuildingId { get; init; }

        public string BuildingCode { get; init; } = "";

        public string Number { get; init; } = "";

        public int Floor { get; init; }
    }
}
