using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.Reception.Data;

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

    private static Guid ParseId(string value, string field) => Guid.TryParse(value, out var id)
        ? id
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} must be a UUID."));

    private static UnitSummary ToSummary(Domain.Unit unit) => new()
    {
        UnitId = unit.Id.ToString(),
        EstateId = unit.EstateId.ToString(),
        BuildingId = unit.BuildingId.ToString(),
        Number = unit.Number,
        FloorArea = unit.FloorArea.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Usage = unit.Usage.ToString(),
        Status = unit.Status.ToString(),
    };
}
