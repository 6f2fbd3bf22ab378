using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.AppHost;
using PropertyPlatform.AppHost.Hosting;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

[assembly: AssemblyFixture(typeof(PropertyPlatform.EndToEndTests.Platform))]

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// The whole system from the AppHost's own model (what Aspire.Hosting.Testing does): real PostgreSQL, real RabbitMQ,
/// every service as its own process, reached through the gateway. The fault tests stop and kill parts of this one
/// system, so tests in this assembly take turns (xunit.runner.json).
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    private DirectoryInfo? _state;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Reception's own client secret at identity, to act as reception calling another service.</summary>
    public string ReceptionClientSecret { get; private set; } = "";

    /// <summary>The gateway without a token.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The gateway as the demo group admin, signed in through the real login page (the fault tests use it).</summary>
    public HttpClient Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _state = TestState.CreateDirectory("e2e");
        var builder = DistributedApplication.CreateBuilder(TestState.Options(_state.FullName, dashboard: true));
        PlatformModel.Configure(builder);
        // The fault tests post hundreds of requests from one address in seconds.
        var gateway = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway");
        gateway.Environment["Gateway__PermitsPerSecond"] = "2000";
        gateway.Environment["Gateway__Burst"] = "2000";
        // The demo group (README) is what the tests sign in with; access tokens outlive the whole run.
        var identity = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "identity");
        identity.Environment["Identity__SeedDemoData"] = "true";
        builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "reception").Environment["Reception__SeedDemoData"] = "true";
        identity.Environment["Identity__AccessTokenLifetime"] = "01:00:00";
        // Every sign-in of the suite comes from this one address within a few minutes; identity's tests cover the limit.
        identity.Environment["Identity__LoginPermitsPerMinute"] = "1000";
        ReceptionClientSecret = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "reception").Environment["Auth__ClientSecret"];

        App = builder.Build();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await App.StartAsync(startup.Token);
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway"), Timeout = TimeSpan.FromSeconds(100) };
        Admin = await SignInAsync(DemoGroup.Admin, startup.Token);
    }

    /// <summary>
    /// Signs <paramref name="userName"/> in through the gateway with the authorization-code flow (login page, PKCE,
    /// token endpoint) and returns a gateway client carrying the access token.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string userName, CancellationToken cancellationToken, string clientId = DemoGroup.WebConsole)
    {
        var tokens = await SignInForTokensAsync(userName, cancellationToken, clientId);
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    public async Task<TokenSet> SignInForTokensAsync(string userName, CancellationToken cancellationToken, string clientId = DemoGroup.WebConsole)
    {
        // A browser of its own: keeps the sign-in cookie, and shows redirects instead of following them.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = Gateway.BaseAddress,
        };
        return await new AuthorizationCodeFlow(browser, clientId, DemoGroup.RedirectUri(clientId), DemoGroup.AllScopes, userName, DemoGroup.Password)
            .RunAsync(cancellationToken);
    }

    /// <summary>Waits until every resource reports healthy again (after a fault, health is re-checked every few seconds).</summary>
    public async Task WaitUntilAllHealthyAsync(TimeSpan timeout)
    {
        try
        {
            await Eventually.Async(() => App.GetResources().All(r => r.IsHealthy), timeout);
        }
        catch (TimeoutException)
        {
            App.GetResources().Where(r => !r.IsHealthy).Select(r => $"{r.Name}: {r.State}").Should().BeEmpty("the system should be healthy again");
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> _unitOfEstate = new();

    /// <summary>A new estate in reception's registry with one building and one unit (as the group admin, through the gateway).</summary>
    public async Task<Guid> NewEstateAsync(CancellationToken cancellationToken)
    {
        var estateId = Guid.NewGuid();
        (await Admin.PostAsJsonAsync("/api/reception/estates", new
        {
            id = estateId, name = $"E2E {estateId:N}", timeZoneId = "Asia/Shanghai", currency = "CNY", opensAt = "08:30", closesAt = "17:30",
            workingDays = EveryDay,
        }, cancellationToken)).EnsureSuccessStatusCode();
        var building = await (await Admin.PostAsJsonAsync($"/api/reception/estates/{estateId}/buildings", new { code = "1", name = "Building 1" }, cancellationToken))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken);
        var unit = await (await Admin.PostAsJsonAsync("/api/reception/units", new
        {
            estateId, buildingId = building.GetProperty("id").GetGuid(), number = "101", floor = 1, floorArea = 90m, usage = "residential", status = "occupied",
        }, cancellationToken)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken);
        _unitOfEstate[estateId] = unit.GetProperty("id").GetGuid();
        return estateId;
    }

    /// <summary>The unit <see cref="NewEstateAsync"/> registered in the estate.</summary>
    public Guid UnitOf(Guid estateId) => _unitOfEstate[estateId];

    private static readonly string[] EveryDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Posts a repair request for <paramref name="estateId"/> (made by <see cref="NewEstateAsync"/>) through the gateway; returns its id, or null if refused.</summary>
    public async Task<Guid?> PostRepairAsync(Guid estateId, string description, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Admin.PostAsJsonAsync("/api/reception/requests", new
            {
                estateId,
                unitId = _unitOfEstate[estateId],
                channel = "app",
                category = "repair",
                urgency = "normal",
                description,
                requesterName = "End To End",
            }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var created = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken);
            return created.GetProperty("id").GetGuid();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Every page of a keyset-paged list behind the gateway.</summary>
    public async Task<List<JsonElement>> GetAllAsync(string path, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var url = $"{path}{separator}limit=100" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await Admin.GetFromJsonAsync<JsonElement>(url, ApiJson.Options, cancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }

    /// <summary>
    /// Waits until every request stored at reception for the estate has exactly one work order in maintenance and is
    /// marked routed, and every accepted request is among them: nothing lost, nothing doubled.
    /// </summary>
    public async Task AssertExactlyOneWorkOrderPerRequestAsync(Guid estateId, IReadOnlyCollection<Guid> accepted, TimeSpan timeout)
    {
        List<Guid> stored = [];
        List<Guid> workOrderRequests = [];
        var routed = 0;
        try
        {
            await Eventually.Async(async () =>
            {
                try
                {
                    return await CountAsync();
                }
                catch (HttpRequestException)
                {
                    // A service that was just killed answers 502 through the gateway until it is back.
                    return false;
                }
            }, timeout);

            async Task<bool> CountAsync()
            {
                var requests = await GetAllAsync($"/api/reception/requests?estateId={estateId}", CancellationToken.None);
                stored = [.. requests.Select(r => r.GetProperty("id").GetGuid())];
                routed = requests.Count(r => r.GetProperty("status").GetString() == "Routed");
                var workOrders = await GetAllAsync($"/api/maintenance/work-orders?estateId={estateId}", CancellationToken.None);
                workOrderRequests = [.. workOrders.Select(w => w.GetProperty("requestId").GetGuid())];
                return workOrderRequests.Count >= stored.Count && routed == stored.Count && stored.Count >= accepted.Count;
            }
        }
        catch (TimeoutException)
        {
            // Fall through to the assertions, which say what is missing.
        }

        stored.Should().Contain(accepted, "every request the gateway accepted is stored");
        workOrderRequests.Should().OnlyHaveUniqueItems("no request may get two work orders");
        workOrderRequests.Should().BeEquivalentTo(stored, "every stored request gets its work order");
        routed.Should().Be(stored.Count, "reception hears back about every work order");
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        Admin?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_state is not null)
        {
            TestState.Delete(_state);
        }
    }
}
