using System.Net.Http.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.Reception.Features.Residents;
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

    private static async Task MoveInAsync(HttpClient clerk, Guid estateId, Guid unitId, string movedInOn, string phone, string? movedOutOn = null)
    {
        var response = await clerk.PostAsJsonAsync("/api/reception/move-ins", new
        {
            estateId, unitId, movedInOn, documentsChecked = true, keysHandedOver = 2,
            meterReadings = new { water = 1m, electricity = 2m },
            residents = new[] { new { kind = "tenant", fullName = "Resident", phone } },
        }, Ct);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        if (movedOutOn is not null)
        {
            var moveIn = (await response.Content.ReadFromJsonAsync<MoveInResponse>(ApiJson.Options, Ct))!;
            (await clerk.PostAsJsonAsync($"/api/reception/residents/{moveIn.Residents[0].Id}/move-out", new { movedOutOn }, Ct)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Billing_reads_each_units_floor_area_and_occupied_periods_within_a_billing_period_over_grpc()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 3);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        // Unit 1: two overlapping stays, one from before the period, one still there. Unit 2: a stay inside the period and one
        // ending exactly as the period starts. Unit 3: nobody.
        await MoveInAsync(clerk, estateId, units[0], "2024-12-20", "13700000011", movedOutOn: "2025-01-20");
        await MoveInAsync(clerk, estateId, units[0], "2025-01-15", "13700000012");
        await MoveInAsync(clerk, estateId, units[1], "2024-11-01", "13700000021", movedOutOn: "2025-01-01");
        await MoveInAsync(clerk, estateId, units[1], "2025-01-10", "13700000022", movedOutOn: "2025-01-25");

        using var call = Client().ListOccupancy(new OccupancyQuery { EstateId = estateId.ToString(), From = "2025-01-01", To = "2025-02-01" }, cancellationToken: Ct);
        var occupancy = new List<UnitOccupancy>();
        await foreach (var unit in call.ResponseStream.ReadAllAsync(Ct))
        {
            occupancy.Add(unit);
        }

        var byUnit = occupancy.ToDictionary(o => Guid.Parse(o.Unit.UnitId));
        byUnit.Keys.Should().BeEquivalentTo(units);
        byUnit[units[0]].Unit.FloorArea.Should().Be("80.00");
        byUnit[units[0]].Occupied.Select(p => (p.From, p.To)).Should().Equal(("2025-01-01", "2025-02-01"));
        byUnit[units[1]].Occupied.Select(p => (p.From, p.To)).Should().Equal(("2025-01-10", "2025-01-25"));
        byUnit[units[2]].Occupied.Should().BeEmpty();
    }

    [Theory]
    [InlineData("2025-02-01", "2025-01-01", StatusCode.InvalidArgument)]
    [InlineData("January", "2025-02-01", StatusCode.InvalidArgument)]
    [InlineData("2025-01-01", "2025-02-01", StatusCode.NotFound)]
    public async Task An_occupancy_query_needs_a_known_estate_and_a_period_from_before_to(string from, string to, StatusCode expected)
    {
        var call = async () =>
        {
            using var stream = Client().ListOccupancy(new OccupancyQuery { EstateId = Guid.NewGuid().ToString(), From = from, To = to }, cancellationToken: Ct);
            await stream.ResponseStream.MoveNext(Ct);
        };

        (await call.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Billing_looks_up_a_units_owners_over_grpc()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var owner = await (await clerk.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId, fullName = "Li Wei", phone = "13812345678", idNumber = "110101199003071234", unitIds = new[] { units[0] },
        }, Ct)).Content.ReadFromJsonAsync<OwnerResponse>(ApiJson.Options, Ct);

        var owned = await Client().GetUnitOwnersAsync(new GetUnitOwnersQuery { UnitId = units[0].ToString() }, cancellationToken: Ct);
        var unowned = await Client().GetUnitOwnersAsync(new GetUnitOwnersQuery { UnitId = units[1].ToString() }, cancellationToken: Ct);
        var unknown = async () => await Client().GetUnitOwnersAsync(new GetUnitOwnersQuery { UnitId = Guid.NewGuid().ToString() }, cancellationToken: Ct);

        owned.EstateId.Should().Be(estateId.ToString());
        owned.Owners.Should().ContainSingle().Which.Should().BeEquivalentTo(new OwnerSummary { OwnerId = owner!.Id.ToString(), FullName = "Li Wei", Phone = "13812345678" });
        unowned.Owners.Should().BeEmpty();
        (await unknown.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.NotFound);
    }
}
