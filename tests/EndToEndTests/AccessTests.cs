using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// Access through the running system with real tokens from the identity service, obtained through the login page:
/// estates and owners kept apart, forged tokens refused, service tokens bound to their audience, no personal data in logs.
/// </summary>
public sealed class AccessTests(Platform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] ApiServices = ["reception", "maintenance", "billing", "security-gate", "hr-training", "identity"];

    private static object Repair(Guid estateId, Guid? unitId, string description, string? phone = null) => new
    {
        estateId,
        unitId,
        channel = "app",
        category = "repair",
        description,
        requesterName = "Demo requester",
        requesterPhone = phone,
    };

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Every_documented_endpoint_of_every_service_refuses_anonymous_callers_directly_and_through_the_gateway()
    {
        var checkedCount = 0;
        foreach (var service in ApiServices)
        {
            using var direct = new HttpClient { BaseAddress = platform.Endpoint(service) };
            using var document = JsonDocument.Parse(await direct.GetStringAsync("/openapi/v1.json", Ct));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                var concrete = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", Guid.NewGuid().ToString());
                foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
                {
                    if (IsPublic(concrete))
                    {
                        continue;
                    }

                    foreach (var client in new[] { direct, platform.Gateway })
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), concrete);
                        if (operation.Name is "post" or "put" or "patch")
                        {
                            request.Content = JsonContent.Create(new { });
                        }

                        using var response = await client.SendAsync(request, Ct);
                        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{operation.Name.ToUpperInvariant()} {concrete} at {client.BaseAddress}");
                        checkedCount++;
                    }
                }
            }
        }

        checkedCount.Should().BeGreaterThan(10, "every service documents its endpoints");

        static bool IsPublic(string path) =>
            path.StartsWith("/account/", StringComparison.Ordinal) || path.StartsWith("/connect/", StringComparison.Ordinal)
            || path == "/api/identity/activation";
    }

    [Fact]
    public async Task A_clerk_of_South_sees_nothing_of_North_and_cannot_write_into_it()
    {
        using var clerkNorth = await platform.SignInAsync(DemoGroup.ClerkNorth, Ct);
        using var clerkSouth = await platform.SignInAsync(DemoGroup.ClerkSouth, Ct);
        var northRequest = await CreatedIdAsync(await clerkNorth.PostAsJsonAsync(
            "/api/reception/requests", Repair(DemoGroup.North, DemoGroup.NorthUnit102, "Corridor light flickering"), Ct));

        (await clerkSouth.GetAsync($"/api/reception/requests/{northRequest}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var southView = await clerkSouth.GetFromJsonAsync<JsonElement>($"/api/reception/requests?estateId={DemoGroup.North}", ApiJson.Options, Ct);
        southView.GetProperty("items").GetArrayLength().Should().Be(0);
        var allSouthSees = await clerkSouth.GetFromJsonAsync<JsonElement>("/api/reception/requests?limit=100", ApiJson.Options, Ct);
        allSouthSees.GetProperty("items").EnumerateArray().Should().OnlyContain(r => r.GetProperty("estateId").GetGuid() == DemoGroup.South);

        var write = await clerkSouth.PostAsJsonAsync("/api/reception/requests", Repair(DemoGroup.North, DemoGroup.NorthUnit102, "Forged into North"), Ct);
        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await clerkNorth.GetFromJsonAsync<JsonElement>($"/api/reception/requests/{northRequest}", ApiJson.Options, Ct))
            .GetProperty("estateId").GetGuid().Should().Be(DemoGroup.North);
    }

    [Fact]
    public async Task An_owner_sees_only_their_own_requests_and_another_owner_sees_none_of_them()
    {
        using var ownerNorth = await platform.SignInAsync(DemoGroup.OwnerNorth, Ct, DemoGroup.OwnerApp);
        using var ownerSouth = await platform.SignInAsync(DemoGroup.OwnerSouth, Ct, DemoGroup.OwnerApp);
        var mine = await CreatedIdAsync(await ownerNorth.PostAsJsonAsync(
            "/api/reception/requests", Repair(DemoGroup.North, DemoGroup.NorthUnit101, "Balcony drain blocked"), Ct));

        (await ownerSouth.GetAsync($"/api/reception/requests/{mine}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var southList = await ownerSouth.GetFromJsonAsync<JsonElement>("/api/reception/requests?limit=100", ApiJson.Options, Ct);
        southList.GetProperty("items").EnumerateArray().Should().NotContain(r => r.GetProperty("id").GetGuid() == mine);
        var northList = await ownerNorth.GetFromJsonAsync<JsonElement>("/api/reception/requests?limit=100", ApiJson.Options, Ct);
        northList.GetProperty("items").EnumerateArray().Should().Contain(r => r.GetProperty("id").GetGuid() == mine)
            .And.OnlyContain(r => r.GetProperty("unitId").GetGuid() == DemoGroup.NorthUnit101);
        (await ownerNorth.PostAsJsonAsync("/api/reception/requests", Repair(DemoGroup.North, DemoGroup.NorthUnit102, "Not my flat"), Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ownerNorth.GetAsync("/api/maintenance/work-orders", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_demo_registry_at_reception_matches_the_demo_accounts_and_the_roster_is_estate_scoped()
    {
        using var clerkNorth = await platform.SignInAsync(DemoGroup.ClerkNorth, Ct);
        using var clerkSouth = await platform.SignInAsync(DemoGroup.ClerkSouth, Ct);

        var northRoster = await clerkNorth.GetFromJsonAsync<JsonElement>($"/api/reception/owners?unitId={DemoGroup.NorthUnit101}", ApiJson.Options, Ct);
        var owner = northRoster.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        owner.GetProperty("phone").GetString().Should().Be(DemoGroup.OwnerNorth);
        owner.GetProperty("idNumber").GetString().Should().MatchRegex(@"^\d{3}\*+\d{4}$", "ID numbers are masked in the roster");
        (await clerkSouth.GetAsync($"/api/reception/units/{DemoGroup.NorthUnit101}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await clerkSouth.GetAsync($"/api/reception/owners/{owner.GetProperty("id").GetGuid()}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_real_token_with_its_estate_claim_tampered_is_refused_by_the_gateway_and_by_the_service()
    {
        var tokens = await platform.SignInForTokensAsync(DemoGroup.ClerkSouth, Ct);
        var tampered = TestTokens.Tamper(tokens.AccessToken, DemoGroup.South.ToString(), DemoGroup.North.ToString());

        foreach (var baseAddress in new[] { platform.Gateway.BaseAddress!, platform.Endpoint("reception") })
        {
            using var client = new HttpClient { BaseAddress = baseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tampered);
            (await client.GetAsync($"/api/reception/requests?estateId={DemoGroup.North}", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_refresh_token_is_rotated_and_reusing_the_old_one_is_detected_and_revokes_the_new_one()
    {
        var first = await platform.SignInForTokensAsync(DemoGroup.ManagerNorth, Ct);

        var second = await RefreshAsync(first.RefreshToken!);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var rotated = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("refresh_token").GetString();
        rotated.Should().NotBe(first.RefreshToken);
        await Task.Delay(Platform.RefreshTokenReuseLeeway + TimeSpan.FromSeconds(1), Ct);

        (await RefreshAsync(first.RefreshToken!)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a redeemed refresh token is never accepted again");
        (await RefreshAsync(rotated!)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "reuse revokes the whole chain: a thief's copy dies with the owner's");

        Task<HttpResponseMessage> RefreshAsync(string refreshToken) => platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = DemoGroup.WebConsole,
            ["refresh_token"] = refreshToken,
        }), Ct);
    }

    [Fact]
    public async Task A_service_token_opens_the_registry_only_for_a_client_that_calls_it()
    {
        using var identity = new HttpClient();
        ServiceTokenProvider Tokens(string clientId, string secret) => new(identity, new ServiceClientOptions
        {
            Authority = platform.Endpoint("identity"),
            ClientId = clientId,
            ClientSecret = secret,
        }, TimeProvider.System);

        var billing = await RegistryCallAsync(await Tokens(PlatformAudiences.Billing, platform.BillingClientSecret).GetTokenAsync(PlatformAudiences.Reception, Ct));
        var receptionAskingForMaintenance = async () =>
            await Tokens(PlatformAudiences.Reception, platform.ReceptionClientSecret).GetTokenAsync(PlatformAudiences.Maintenance, Ct);

        billing.Should().Be(StatusCode.NotFound, "billing's token was accepted and the unknown request looked up");
        (await receptionAskingForMaintenance.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadRequest,
            "reception never calls maintenance, so identity gives it no token for maintenance");

        async Task<StatusCode> RegistryCallAsync(string token)
        {
            using var channel = GrpcChannel.ForAddress(platform.Endpoint("reception", "grpc"));
            var client = new PropertyRegistry.PropertyRegistryClient(channel);
            try
            {
                await client.GetRequestAsync(new GetRequestQuery { RequestId = Guid.NewGuid().ToString() },
                    new Metadata { { "Authorization", $"Bearer {token}" } }, cancellationToken: Ct);
                return StatusCode.OK;
            }
            catch (RpcException exception)
            {
                return exception.StatusCode;
            }
        }
    }

    [Fact]
    public async Task The_logs_of_every_service_hold_none_of_the_seeded_owners_phone_or_id_numbers()
    {
        // Both owners sign in with their phone numbers and report with them, through every layer.
        using var ownerNorth = await platform.SignInAsync(DemoGroup.OwnerNorth, Ct, DemoGroup.OwnerApp);
        using var ownerSouth = await platform.SignInAsync(DemoGroup.OwnerSouth, Ct, DemoGroup.OwnerApp);
        await CreatedIdAsync(await ownerNorth.PostAsJsonAsync("/api/reception/requests",
            Repair(DemoGroup.North, DemoGroup.NorthUnit101, "Water heater broken", DemoGroup.OwnerNorth), Ct));
        await CreatedIdAsync(await ownerSouth.PostAsJsonAsync("/api/reception/requests",
            Repair(DemoGroup.South, DemoGroup.SouthUnit101, "Door lock stuck", DemoGroup.OwnerSouth), Ct));
        (await ownerNorth.PostAsJsonAsync("/api/reception/requests", new { estateId = DemoGroup.North, requesterPhone = DemoGroup.OwnerNorth }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The roster with the ID numbers is read too, so they pass through reception as well.
        using var clerkNorth = await platform.SignInAsync(DemoGroup.ClerkNorth, Ct);
        (await clerkNorth.GetAsync($"/api/reception/owners/{DemoGroup.OwnerLiWeiId}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        var lines = platform.Logs;
        lines.Should().NotBeEmpty();
        string[] secrets = [DemoGroup.OwnerNorth, DemoGroup.OwnerSouth, .. DemoGroup.OwnerIdNumbers];
        lines.Where(l => secrets.Any(secret => l.Text.Contains(secret, StringComparison.Ordinal)))
            .Should().BeEmpty("owners' phone and ID numbers never reach a log");

        // The same for what the services export to the dashboard: spans (with their SQL and HTTP attributes), structured
        // logs and metrics, once the exporters have flushed what these requests produced.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await Eventually.Async(() => platform.Telemetry.Counts.ContainsKey("traces") && platform.Telemetry.Counts.ContainsKey("logs"), TimeSpan.FromSeconds(30));
        secrets.SelectMany(secret => platform.Telemetry.ExportsContaining(secret).Select(export => $"{secret} in {export}"))
            .Should().BeEmpty("owners' phone and ID numbers never reach the exported telemetry");
    }
}
