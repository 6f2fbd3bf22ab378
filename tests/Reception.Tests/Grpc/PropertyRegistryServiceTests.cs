using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Grpc;

public sealed class PropertyRegistryServiceTests(ReceptionService reception)
{
    private static readonly string[] Monday = ["monday"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A registry client calling as billing would: a client-credentials token for the reception audience.</summary>
    private PropertyRegistry.PropertyRegistryClient Client(TestCaller? caller = null, string audience = PlatformAudiences.Reception)
    {
        var token = TestTokens.Create(caller ?? TestCaller.Service(PlatformAudiences.Billing), audience);
        var channel = GrpcChannel.ForAddress(reception.Factory.Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = reception.Factory.Server.CreateHandler(),
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("Authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        return new PropertyRegistry.PropertyRegistryClient(channel);
    }

    [Fact]
    public async Task Another_service_can_read_a_request_over_grpc()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).PostAsJsonAsync("/api/reception/requests", new
        {
            estateId,
            channel = "email",
            category = "complaint",
            description = "Noise at night",
            requesterName = "Zhao",
        }, Ct);
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;

        var summary = await Client().GetRequestAsync(new GetRequestQuery { RequestId = request.Id.ToString() }, cancellationToken: Ct);

        summary.EstateId.Should().Be(estateId.ToString());
        summary.Status.Should().Be("Received");
        summary.UnitId.Should().BeEmpty();
    }

    [Theory]
    [InlineData("not-a-uuid", StatusCode.InvalidArgument)]
    [InlineData("0b0d5c1e-0000-4000-8000-000000000000", StatusCode.NotFound)]
    public async Task A_bad_or_unknown_id_is_a_grpc_error(string id, StatusCode expected)
    {
        var call = async () => await Client().GetRequestAsync(new GetRequestQuery { RequestId = id }, cancellationToken: Ct);

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task The_registry_refuses_a_service_token_issued_for_another_audience()
    {
        var call = async () => await Client(audience: PlatformAudiences.Maintenance)
            .GetRequestAsync(new GetRequestQuery { RequestId = Guid.NewGuid().ToString() }, cancellationToken: Ct);

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task The_registry_is_for_services_not_for_people()
    {
        var call = async () => await Client(TestCaller.Clerk(Guid.NewGuid()))
            .GetRequestAsync(new GetRequestQuery { RequestId = Guid.NewGuid().ToString() }, cancellationToken: Ct);

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Billing_reads_an_estates_units_with_their_exact_floor_area_over_grpc()
    {
        var estateId = Guid.NewGuid();
        var admin = reception.CreateClient(TestCaller.GroupAdmin());
        (await admin.PostAsJsonAsync("/api/reception/estates", new
        {
            id = estateId, name = $"Registry {estateId:N}", timeZoneId = "Asia/Shanghai", currency = "CNY", opensAt = "08:30", closesAt = "17:30", workingDays = Monday,
        }, Ct)).EnsureSuccessStatusCode();
        var building = await (await admin.PostAsJsonAsync($"/api/reception/estates/{estateId}/buildings", new { code = "A", name = "A" }, Ct))
            .Content.ReadFromJsonAsync<BuildingResponse>(ApiJson.Options, Ct);
        var registered = new List<UnitResponse>();
        foreach (var (number, area) in new[] { ("101", 75.25m), ("102", 120.00m), ("103", 64.10m) })
        {
            var response = await admin.PostAsJsonAsync("/api/reception/units", new
            {
                estateId, buildingId = building!.Id, number, floor = 1, floorArea = area, usage = "residential",
            }, Ct);
            registered.Add((await response.Content.ReadFromJsonAsync<UnitResponse>(ApiJson.Options, Ct))!);
        }

        using var call = Client().ListUnits(new ListUnitsQuery { EstateId = estateId.ToString() }, cancellationToken: Ct);
        var streamed = new List<UnitSummary>();
        await foreach (var unit in call.ResponseStream.ReadAllAsync(Ct))
        {
            streamed.Add(unit);
        }

        streamed.Select(u => u.Number).Should().Equal("101", "102", "103");
        streamed.Select(u => decimal.Parse(u.FloorArea, System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(75.25m, 120.00m, 64.10m);
        var one = await Client().GetUnitAsync(new GetUnitQuery { UnitId = registered[1].Id.ToString() }, cancellationToken: Ct);
        one.Number.Should().Be("102");
        one.Status.Should().Be("Vacant");
    }
}
