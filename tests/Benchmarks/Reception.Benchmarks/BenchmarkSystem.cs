using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    private static readonly string[] TelemetryWitnesses = ["gateway", "reception"];

    private readonly DirectoryInfo _state;

    /// <summary>
    /// The processes whose CPU time each scenario reports: every process the AppHost runs, those a scenario does not call
    /// included (billing, security-gate and hr-training consume reception's events, and share the same two cores).
    /// </summary>
    public static readonly string[] Measured =
    [
        "gateway", "reception", "maintenance", "identity", "billing", "security-gate", "hr-training", "web", BareBaseline.ResourceName, "postgres", "messaging",
    ];

    private BenchmarkSystem(DistributedApplication app, DirectoryInfo state, Connections connections, bool proxied, IReadOnlyDictionary<string, int> processIds)
    {
        App = app;
        _state = state;
        Gateway = app.GetEndpoint("gateway", "http");
        ReceptionDatabase = connections.Reception;
        MaintenanceDatabase = connections.Maintenance;
        Server = connections.Server;
        Messaging = connections.Messaging;
        Proxied = proxied;
        ProcessIds = processIds;
        Cpu = new ProcessCpu(processIds);
    }

    private sealed record Connections(string Server, string Reception, string Maintenance, string Messaging);

    public DistributedApplication App { get; }

    public Uri Gateway { get; }

    /// <summary>Reception's database, for seeding and query plans.</summary>
    public string ReceptionDatabase { get; }

    public string MaintenanceDatabase { get; }

    /// <summary>The PostgreSQL server (its maintenance database), for pg_stat_database.</summary>
    public string Server { get; }

    /// <summary>The broker, as an administrator (the bare round trip's client).</summary>
    public string Messaging { get; }

    /// <summary>Whether the orchestrator's endpoint proxies carry the traffic (the AppHost's default) or every endpoint is proxyless.</summary>
    public bool Proxied { get; }

    public IReadOnlyDictionary<string, int> ProcessIds { get; }

    public ProcessCpu Cpu { get; }

    /// <summary>Whether the services export telemetry (OTLP), read from the running gateway's and reception's environment.</summary>
    public bool TelemetryExported => TelemetryWitnesses.Any(name =>
        ProcessIds.TryGetValue(name, out var pid) && ProcessTree(pid).Any(p => Environ(p).Any(v => v.StartsWith("OTEL_EXPORTER_OTLP_ENDPOINT=", StringComparison.Ordinal) && v.Length > 28)));

    /// <param name="proxyless">
    /// Every endpoint of the model (services, gateway, PostgreSQL, the baseline) without the orchestrator's proxy: callers
    /// reach the process itself, on a port chosen here.
    /// </param>
    public static async Task<BenchmarkSystem> StartAsync(bool proxyless, IReadOnlyDictionary<string, string> serviceEnvironment, CancellationToken cancellationToken)
    {
        var state = TestState.CreateDirectory("benchmark");
        var builder = await AppHostTesting.CreateBuilderAsync(state, cancellationToken);
        // The load comes from one address: the gateway's per-client limit is raised for it, as an operator would for a
        // trusted load tool; it still runs on every request.
        builder.Project("gateway").WithEnvironment("Gateway__PermitsPerSecond", "100000").WithEnvironment("Gateway__Burst", "100000");
        var postgres = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "postgres");
        var messaging = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "messaging");
        // Which statements each scenario costs (StatementProfile).
        builder.CreateResourceBuilder(builder.Resources.OfType<IResourceWithArgs>().Single(r => r.Name == "postgres")).WithArgs(StatementProfile.ServerArguments);
        // This program's own binary (not AddProject: the orchestrator would rebuild the project while it runs).
        builder.AddExecutable(BareBaseline.ResourceName, Environment.ProcessPath!, AppContext.BaseDirectory, BareBaseline.Argument)
            .WithHttpEndpoint(name: "http", env: BareBaseline.PortVariable)
            .WithReference(builder.CreateResourceBuilder(postgres)).WaitFor(builder.CreateResourceBuilder(postgres))
            .WithReference(builder.CreateResourceBuilder(messaging)).WaitFor(builder.CreateResourceBuilder(messaging))
            .WithHttpHealthCheck("/health");
        // The demo group's admin creates the estate and the clerk; tokens outlive the run.
        builder.Project("identity").WithEnvironment("Identity__SeedDemoData", "true").WithEnvironment("Identity__AccessTokenLifetime", "02:00:00");
        // Request bodies and SQL are not what is measured: keep the services' consoles quiet.
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            var resource = builder.CreateResourceBuilder(project).WithEnvironment("Logging__LogLevel__Default", "Warning");
            foreach (var (name, value) in serviceEnvironment)
            {
                resource.WithEnvironment(name, value);
            }
        }

        if (proxyless)
        {
            foreach (var endpoint in builder.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()).Where(e => e.IsProxied))
            {
                var port = FreePort();
                (endpoint.IsProxied, endpoint.Port, endpoint.TargetPort) = (false, port, port);
            }
        }

        // Except the registry import's phase timings (upload and worker), which say where an import's time went.
        builder.Project("reception").WithEnvironment("Logging__LogLevel__PropertyPlatform.Reception.Features.RegistryImports", "Information");
        // The resources' console output and the orchestrator's health probes while things start are not the benchmark's.
        builder.Services.AddLogging(logging => logging
            .AddFilter("PropertyPlatform.AppHost.Resources", LogLevel.Warning)
            .AddFilter("PropertyPlatform.AppHost.Resources.reception", LogLevel.Information)
            .AddFilter($"PropertyPlatform.AppHost.Resources.{BareBaseline.ResourceName}", LogLevel.Information)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting", LogLevel.Warning));
        var app = await builder.BuildAsync(cancellationToken);
        Connections connections;
        Dictionary<string, int> processIds;
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startup.CancelAfter(TimeSpan.FromMinutes(10));
            await app.StartAsync(startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(BareBaseline.ResourceName, startup.Token);
            connections = new Connections(
                (await app.GetConnectionStringAsync("postgres", startup.Token))!,
                (await app.GetConnectionStringAsync("reception-db", startup.Token))!,
                (await app.GetConnectionStringAsync("maintenance-db", startup.Token))!,
                (await app.GetConnectionStringAsync("messaging", startup.Token))!);
            processIds = await ProcessIdsAsync(app, startup.Token);
        }
        catch
        {
            await app.DisposeAsync();
            TestState.Delete(state);
            throw;
        }

        return new BenchmarkSystem(app, state, connections, !proxyless, processIds);
    }

    /// <summary>The process the orchestrator started for each measured resource (its snapshot's <c>…pid</c> property).</summary>
    private static async Task<Dictionary<string, int>> ProcessIdsAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        enough.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(enough.Token))
            {
                var pid = update.Snapshot.Properties.FirstOrDefault(p => p.Name.EndsWith("pid", StringComparison.OrdinalIgnoreCase))?.Value;
                if (Measured.Contains(update.Resource.Name) && pid is not null && int.TryParse(pid.ToString(), CultureInfo.InvariantCulture, out var id))
                {
                    found[update.Resource.Name] = id;
                    if (found.Count == Measured.Length)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine($"  (no process id for {string.Join(", ", Measured.Except(found.Keys))}: their CPU is not reported)");
        }

        return found;
    }

    private static IEnumerable<int> ProcessTree(int root)
    {
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var pid))
        {
            yield return pid;
            var children = $"/proc/{pid}/task/{pid}/children";
            if (File.Exists(children))
            {
                foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    pending.Push(int.Parse(child, CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private static string[] Environ(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0');
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
