using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// The whole system as the end-to-end tests start it (EndToEndTests' Platform): the AppHost's own model, throwaway
/// state, every service a process of its own, reached through the gateway; people sign in through identity's login page.
/// </summary>
public sealed class BenchmarkSystem : IAsyncDisposable
{
    private static readonly string[] ClerkRoles = [PlatformRoles.FrontDeskClerk];
    private static readonly string[] MondayToSaturday = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private readonly DirectoryInfo _state;

    private BenchmarkSystem(DistributedApplication app, DirectoryInfo state, string receptionDatabase)
    {
        App = app;
        _state = state;
        Gateway = app.GetEndpoint("gateway", "http");
        ReceptionDatabase = receptionDatabase;
    }

    public DistributedApplication App { get; }

    public Uri Gateway { get; }

    /// <summary>Reception's database, for seeding and query plans.</summary>
    public string ReceptionDatabase { get; }

    public static async Task<BenchmarkSystem> StartAsync(CancellationToken cancellationToken)
    {
        var state = TestState.CreateDirectory("benchmark");
        var builder = await AppHostTesting.CreateBuilderAsync(state, cancellationToken);
        // The load comes from one address: the gateway's per-client limit would measure itself, not reception.
        builder.Project("gateway").WithEnvironment("Gateway__PermitsPerSecond", "100000").WithEnvironment("Gateway__Burst", "100000");
        // The demo group's admin creates the estate and the clerk; tokens outlive the run.
        builder.Project("identity").WithEnvironment("Identity__SeedDemoData", "true").WithEnvironment("Identity__AccessTokenLifetime", "02:00:00");
        // Request bodies and SQL are not what is measured: keep the services' consoles quiet.
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment("Logging__LogLevel__Default", "Warning");
        }

        var app = await builder.BuildAsync(cancellationToken);
        string receptionDatabase;
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(TimeSpan.FromMinutes(5));
            await app.StartAsync(startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
            receptionDatabase = (await app.GetConnectionStringAsync("reception-db", startup.Token))!;
        }
        catch
        {
            await app.DisposeAsync();
            TestState.Delete(state);
            throw;
        }

        return new BenchmarkSystem(app, state, receptionDatabase);
    }

    /// <summary>Signs <paramref name="userName"/> in with the authorization-code flow (login page, PKCE) through the gateway.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password, CancellationToken cancellationToken, string clientId = DemoGroup.WebConsole)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = Gateway,
        };
        var tokens = await new AuthorizationCodeFlow(
                browser, clientId, DemoGroup.RedirectUri(clientId), DemoGroup.AllScopes, userName, password)
            .RunAsync(cancellationToken);
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    /// <summary>A front-desk clerk of <paramref name="estateId"/> (a real identity account, made by the admin), signed in.</summary>
    public Task<HttpClient> NewClerkAsync(HttpClient admin, Guid estateId, CancellationToken cancellationToken) =>
        NewStaffAsync(admin, estateId, ClerkRoles, cancellationToken);

    /// <summary>A member of staff of <paramref name="estateId"/> with <paramref name="roles"/> (a real identity account, made by the admin), signed in.</summary>
    public async Task<HttpClient> NewStaffAsync(HttpClient admin, Guid estateId, string[] roles, CancellationToken cancellationToken)
    {
        var userName = $"bench.{roles[0]}.{Guid.NewGuid():N}"[..30];
        var created = await admin.PostAsJsonAsync("/api/identity/accounts", new
        {
            userName,
            displayName = $"Benchmark {roles[0]}",
            password = DemoGroup.Password,
            roles,
            estateIds = new[] { estateId },
        }, cancellationToken);
        await EnsureAsync(created, $"creating the {roles[0]} account", cancellationToken);
        return await SignInAsync(userName, DemoGroup.Password, cancellationToken);
    }

    /// <summary>
    /// A client that calls <paramref name="service"/> directly (its own endpoint, not the gateway) with the same token as
    /// <paramref name="signedIn"/>: the service checks it exactly as it does behind the gateway.
    /// </summary>
    public HttpClient Direct(string service, HttpClient signedIn)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = App.GetEndpoint(service, "http"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>A new estate in reception's registry with <paramref name="buildings"/> buildings, through the gateway as the admin.</summary>
    public static async Task<(Guid EstateId, Guid[] BuildingIds)> NewEstateAsync(HttpClient admin, int buildings, CancellationToken cancellationToken)
    {
        var estateId = Guid.CreateVersion7();
        await EnsureAsync(await admin.PostAsJsonAsync("/api/reception/estates", new
        {
            id = estateId, name = $"Benchmark {estateId:N}", timeZoneId = "Asia/Shanghai", currency = "CNY", opensAt = "08:30", closesAt = "17:30",
            workingDays = MondayToSaturday,
        }, cancellationToken), "creating the estate", cancellationToken);

        var buildingIds = new Guid[buildings];
        for (var b = 0; b < buildings; b++)
        {
            var response = await admin.PostAsJsonAsync($"/api/reception/estates/{estateId}/buildings", new { code = $"{b + 1}", name = $"Building {b + 1}" }, cancellationToken);
            await EnsureAsync(response, "creating a building", cancellationToken);
            buildingIds[b] = (await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken)).GetProperty("id").GetGuid();
        }

        return (estateId, buildingIds);
    }

    internal static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        TestState.Delete(_state);
    }
}
