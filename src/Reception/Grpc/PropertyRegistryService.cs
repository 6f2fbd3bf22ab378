using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Grpc;

/// <summary>Reception's registry for other services that need a fresh answer at request time.</summary>
public sealed class PropertyRegistryService(ReceptionDbContext db) : PropertyRegistry.PropertyRegistryBase
{
    public override async Task<RequestSummary> GetRequest(GetRequestQuery request, ServerCallContext context)
    {
        var id = ParseId(request.RequestId, "request_id");
        var found = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Request {id} was not found."));

        return new RequestSummary
        {
            RequestId = found.Id.ToString(),
            EstateId = found.EstateId.ToString(),
            Status = found.Status.ToString(),
            UnitId = found.UnitId?.ToString() ?? "",
        };
    }

    public override async Task<UnitSummary> GetUnit(GetUnitQuery request, ServerCallContext context)
    {
        var id = ParseId(request.UnitId, "unit_id");
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unit {id} was not found."));
        return ToSummary(unit);
    }

    public override async Task ListUnits(ListUnitsQuery request, IServerStreamWriter<UnitSummary> responseStream, ServerCallContext context)
    {
        var estateId = ParseId(request.EstateId, "estate_id");
        var units = db.Units.AsNoTracking().Where(u => u.EstateId == estateId).OrderBy(u => u.RegisteredAt).ThenBy(u => u.Id).AsAsyncEnumerable();
        await foreach (var unit in units.WithCancellation(context.CancellationToken))
        {
            await responseStream.WriteAsync(ToSummary(unit), context.CancellationToken);
        }
    }

    public override async Task ListOccupancy(OccupancyQuery request, IServerStreamWriter<UnitOccupancy> responseStream, ServerCallContext context)
    {
        var estateId = ParseId(request.EstateId, "estate_id");
        var from = ParseDate(request.From, "from");
        var to = ParseDate(request.To, "to");
        if (to <= from)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "to must be after from: the period is [from, to)."));
        }

        if (!await db.Estates.AnyAsync(e => e.Id == estateId, context.CancellationToken))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Estate {estateId} was not found."));
        }

        // Every stay overlapping the period, in one query; the units stream after it.
        var stays = (await db.Residents.AsNoTracking()
            .Where(r => r.EstateId == estateId && r.MovedInOn < to && (r.MovedOutOn == null || r.MovedOutOn > from))
            .Select(r => new { r.UnitId, r.MovedInOn, r.MovedOutOn })
            .ToListAsync(context.CancellationToken))
            .ToLookup(r => r.UnitId, r => (r.MovedInOn, r.MovedOutOn));
        var units = db.Units.AsNoTracking().Where(u => u.EstateId == estateId).OrderBy(u => u.RegisteredAt).ThenBy(u => u.Id).AsAsyncEnumerable();
        await foreach (var unit in units.WithCancellation(context.CancellationToken))
        {
            var occupancy = new UnitOccupancy { Unit = ToSummary(unit) };
            occupancy.Occupied.AddRange(Occupancy.Periods(stays[unit.Id], from, to)
                .Select(p => new OccupiedPeriod { From = FormatDate(p.From), To = FormatDate(p.To) }));
            await responseStream.WriteAsync(occupancy, context.CancellationToken);
        }
    }

    public override async Task<UnitOwners> GetUnitOwners(GetUnitOwnersQuery request, ServerCallContext context)
    {
        var unitId = ParseId(request.UnitId, "unit_id");
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unit {unitId} was not found."));
        var owners = await db.Owners.AsNoTracking()
            .Where(o => o.EstateId == unit.EstateId && o.UnitIds.Contains(unitId))
            .OrderBy(o => o.RegisteredAt).ThenBy(o => o.Id)
            .ToListAsync(context.CancellationToken);
        var answer = new UnitOwners { UnitId = unit.Id.ToString(), EstateId = unit.EstateId.ToString() };
        answer.Owners.AddRange(owners.Select(o => new OwnerSummary { OwnerId = o.Id.ToString(), FullName = o.FullName, Phone = o.Phone }));
        return answer;
    }

    private static DateOnly ParseDate(string value, string field) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} must be a date as yyyy-MM-dd."));

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Guid ParseId(string value, string field) => Guid.TryParse(value, out var id)
        ? id
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} must be a UUID."));

    private static UnitSummary ToSummary(Domain.Unit unit) => new()
    {
        UnitId = unit.Id.ToString(),
        EstateId = unit.EstateId.ToString(),
        BuildingId = unit.BuildingId.ToString(),
        Number = unit.Number,
        FloorArea = unit.FloorArea.ToString(CultureInfo.InvariantCulture),
        Usage = unit.Usage.ToString(),
        Status = unit.Status.ToString(),
    };
}
