using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

/// <summary>
/// Reception's owner roster as its gRPC registry answers it, for identity's tests: the real contract over HTTP/2 in
/// process, answering only for the owners a test registered. Like reception, it refuses calls without a service token
/// for the reception audience.
/// </summary>
public sealed class ReceptionRegistryStub : IAsyncDisposable
{
    private readonly Roster _units = new();
    private readonly WebApplication _app;

    private ReceptionRegistryStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_units);
        _app = builder.Build();
        _app.MapGrpcService<Registry>();
    }

    public static async Task<ReceptionRegistryStub> StartAsync()
    {
        var stub = new ReceptionRegistryStub();
        await stub._app.StartAsync();
        return stub;
    }

    /// <summary>What reception's registry knows: <paramref name="ownerId"/> owns <paramref name="units"/> in <paramref name="estateId"/>.</summary>
    public void Register(Guid ownerId, Guid estateId, params Guid[] units)
    {
        foreach (var unit in units)
        {
            _units.GetOrAdd(unit, _ => (estateId, new ConcurrentDictionary<Guid, bool>())).Owners[ownerId] = true;
        }
    }

    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed class Roster : ConcurrentDictionary<Guid, (Guid EstateId, ConcurrentDictionary<Guid, bool> Owners)>;

    private sealed class Registry(Roster units) : PropertyRegistry.PropertyRegistryBase
    {
        public override Task<UnitOwners> GetUnitOwners(GetUnitOwnersQuery request, ServerCallContext context)
        {
            var token = context.RequestHeaders.GetValue("authorization")?.Replace("Bearer ", "", StringComparison.Ordinal);
            if (token is null || !Jwt.Claims(token)["aud"].Contains(PlatformAudiences.Reception))
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "A service token for reception is required."));
            }

            if (!Guid.TryParse(request.UnitId, out var unitId) || !units.TryGetValue(unitId, out var unit))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"Unit {request.UnitId} was not found."));
            }

            var answer = new UnitOwners { UnitId = unitId.ToString(), EstateId = unit.EstateId.ToString() };
            answer.Owners.AddRange(unit.Owners.Keys.Select(o => new OwnerSummary { OwnerId = o.ToString(), FullName = "Li Na", Phone = "" }));
            return Task.FromResult(answer);
        }
    }
}
