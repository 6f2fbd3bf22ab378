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
        if (!Guid.TryParse(request.RequestId, out var id))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "request_id must be a UUID."));
        }

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
}
