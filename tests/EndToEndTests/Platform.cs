using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

[assembly: AssemblyFixture(typeof(PropertyPlatform.EndToEndTests.Platform))]

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// The whole system from the AppHost's model, started with Aspire.Hosting.Testing: real PostgreSQL, real RabbitMQ,
/// every service as its own process, reached through the gateway. Every line each resource writes and every
/// telemetry export of the services is kept for the tests that look for personal data. The fault tests stop and kill
/// parts of this one system, so tests in this assembly take turns (xunit.runner.json).
/// </summary>
public sealed partial class Platform : IAsyncLifetime
{
    /// <summary>The resources that make up the running system (the init step finishes; the parameters hold no process).</summary>
    public static readonly string[] Resources = DemoSystem.Resources;

    public static readonly string[] Services = ["reception", "maintenance", "billing", "security-gate", "hr-training", "identity"];

    private readonly ConcurrentQueue<(string Resource, string Text)> _logs = new();
    private readonly CancellationTokenSource _stopping = new();
    private DirectoryInfo? _state;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>What the services exported over OTLP (traces, logs, metrics), as the dashboard would receive it.</summary>
    public OtlpCapture Telemetry { get; } = new();

    /// <summary>Reception's own client secret at identity, to act as reception calling another service.</summary>
    public string ReceptionClientSecret { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>Billing's client secret at identity, to act as billing calling reception's registry.</summary>
    public string BillingClientSecret { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>Identity's refresh-token reuse leeway in the suite: short, so that reuse after it can be shown.</summary>
    public static readonly TimeSpan RefreshTokenReuseLeeway = TimeSpan.FromSeconds(2);

    /// <summary>The gateway without a token.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The gateway as the demo group admin, signed in through the real login page (the fault tests use it).</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Every console line every resource wrote so far.</summary>
    public IReadOnlyList<(string Resource, string Text)> Logs => [.. _logs];

    public async ValueTask InitializeAsync()
    {
        // As the browser tests' system: on CI every test module starts at once on 2 cores, and the start (building the
        // model, installing nothing, starting every process) once took longer than 6 minutes there.
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        _state = TestState.CreateDirectory("e2e");
        await Telemetry.StartAsync();
        var builder = await AppHostTesting.CreateBuilderAsync(_state, startup.Token);
        foreach (var service in Services.Append("gateway"))
        {
            builder.Project(service)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BLRP_SCHEDULE_DELAY", "500")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500");
        }

        // The fault tests post hundreds of requests from one address in seconds.
        builder.Project("gateway").WithEnvironment("Gateway__PermitsPerSecond", "2000").WithEnvironment("Gateway__Burst", "2000");
        // The demo group (README) is what the tests sign in with; access tokens outlive the whole run.
        builder.WithDemoGroup();
        builder.Project("identity")
            .WithEnvironment("Identity__RefreshTokenReuseLeeway", RefreshTokenReuseLeeway.ToString())
            .WithEnvironment("Identity__Clients__reception__Secret", ReceptionClientSecret)
            .WithEnvironment("Identity__Clients__billing__Secret", BillingClientSecret);
        builder.Project("reception").WithEnvironment("Auth__ClientSecret", ReceptionClientSecret);
        builder.Project("billing").WithEnvironment("Auth__ClientSecret", BillingClientSecret);

        App = await builder.BuildAsync(startup.Token);
        await App.StartAsync(startup.Token);
        CollectLogs();
        await WaitUntilAllHealthyAsync(TimeSpan.FromMinutes(5));
        Gateway = new HttpClient { BaseAddress = Endpoint("gateway"), Timeout = TimeSpan.FromSeconds(100) };
        Admin = await SignInAsync(DemoGroup.Admin, startup.Token);
    }

    /// <summary>An endpoint of a resource, e.g. <c>Endpoint("reception", "grpc")</c>.</summary>
    public Uri Endpoint(string resource, string endpoint = "http") => App.GetEndpoint(resource, endpoint);

    public Task<string?> ConnectionStringAsync(string resource) => App.GetConnectionStringAsync(resource, CancellationToken.None).AsTask();

    /// <summary>The dashboard's stop button: the resource's processes end, its state becomes Exited.</summary>
    public async Task StopAsync(string resource)
    {
        var processId = await ProcessIdAsync(resource);
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        // On a loaded machine the orchestrator can stop waiting for the process (after 15 s: "Failed to stop resource",
        // then "Executable run could not be tracked", state Unknown) while PostgreSQL's fast shutdown is still ending
        // every backend. What the fault needs is the process gone; the start button works from there. Throwing here
        // instead left postgres down for every later test.
        if (await StoppedAsync(resource, processId, TimeSpan.FromSeconds(45)))
        {
            return;
        }

        // Still running: SIGQUIT to what the resource started is PostgreSQL's immediate shutdown (crash recovery on start).
        var started = ChildProcesses(processId);
        foreach (var child in started)
        {
            using var kill = Process.Start("kill", ["-QUIT", child.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        if (!await StoppedAsync(resource, processId, TimeSpan.FromMinutes(1)))
        {
            var snapshot = await SnapshotAsync(resource);
            throw new TimeoutException(
                $"{resource} did not stop (the stop command said: {result.Message ?? "done"}; its state is {snapshot.State?.Text ?? "unknown"}; " +
                $"process {processId} is still running; SIGQUIT went to [{string.Join(", ", started)}]).");
        }
    }

    /// <summary>Waits until the resource's state is Exited or Finished, or its process has ended.</summary>
    private async Task<bool> StoppedAsync(string resource, int processId, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var exited = App.ResourceNotifications.WaitForResourceAsync(
            resource, e => e.Snapshot.State?.Text is "Exited" or "Finished", cancellation.Token);
        while (!exited.IsCompleted && !cancellation.IsCancellationRequested)
        {
            if (!Directory.Exists($"/proc/{processId}"))
            {
                await cancellation.CancelAsync();
                await exited.ContinueWith(_ => { }, TaskScheduler.Default);
                return true;
            }

            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None));
        }

        try
        {
            await exited;
            return true;
        }
        catch (OperationCanceledException)
        {
            return !Directory.Exists($"/proc/{processId}");
        }
    }

    /// <summary>The processes whose parent is <paramref name="parentId"/> (field 4 of <c>/proc/[pid]/stat</c>).</summary>
    private static List<int> ChildProcesses(int parentId)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                // The command name (field 2) is in parentheses and may hold spaces: the fields after it are space-separated.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parentId)
                {
                    children.Add(int.Parse(Path.GetFileName(folder), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // Not a process, or it ended while being read.
            }
        }

        return children;
    }

    /// <summary>
    /// The dashboard's start button; returns once the resource is healthy again. The wait goes on through states that
    /// say the resource is not running: the orchestrator can repeat the old process's <c>Finished</c> after the start
    /// command (a CI run saw Finished → Starting → Finished → Running), and a real failure to start still ends in the
    /// 2-minute timeout below, with the resource's state and last lines.
    /// </summary>
    public async Task StartAsync(string resource)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        result.Success.Should().BeTrue(result.Message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.WaitOnResourceUnavailable, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{resource} did not become healthy within 2 minutes of its start: " +
                $"{DemoSystem.Describe(await SnapshotAsync(resource))}. Its last lines: {LastLines(resource, 25)}{DatabaseWaits()}");
        }
    }

    /// <summary>The last <paramref name="count"/> lines <paramref name="resource"/> wrote, one per line, for failure messages.</summary>
    public string LastLines(string resource, int count) =>
        string.Join("", _logs.Where(l => l.Resource == resource).TakeLast(count).Select(l => $"\n  | {l.Text}"));

    /// <summary>The process id of a running executable or project.</summary>
    public async Task<int> ProcessIdAsync(string resource)
    {
        var value = (await SnapshotAsync(resource)).Properties.Single(p => p.Name == "executable.pid").Value;
        return value is int pid ? pid : int.Parse(value!.ToString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The resource's current state, as the dashboard shows it.</summary>
    public async Task<CustomResourceSnapshot> SnapshotAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await App.ResourceNotifications.WaitForResourceAsync(resource, _ => true, timeout.Token)).Snapshot;
    }

    /// <summary>
    /// A crash: SIGKILL, as the kernel's OOM killer would send it, to the resource's process and what it started (the
    /// orchestrator runs a project through <c>dotnet run</c>, whose child is the service itself).
    /// </summary>
    public async Task KillAsync(string resource)
    {
        using var process = Process.GetProcessById(await ProcessIdAsync(resource));
        process.Kill(entireProcessTree: true);
    }

    /// <summary>Waits until every resource of the system reports Running and Healthy again.</summary>
    public Task WaitUntilAllHealthyAsync(TimeSpan timeout) =>
        DemoSystem.WaitUntilHealthyAsync(App, Resources, timeout, resource => $" Its last lines: {LastLines(resource, 15)}{DatabaseWaits()}");

    /// <summary>PostgreSQL's last lines about lock waits and failures (it logs lock waits over 1 s), for failure messages.</summary>
    public string DatabaseWaits()
    {
        var lines = _logs.Where(l => l.Resource == "postgres" && (l.Text.Contains("waiting for", StringComparison.Ordinal)
                || l.Text.Contains("deadlock", StringComparison.Ordinal) || l.Text.Contains("FATAL", StringComparison.Ordinal)
                || l.Text.Contains("blocking", StringComparison.Ordinal)))
            .TakeLast(10).Select(l => $"\n  pg| {l.Text}").ToList();
        return lines.Count == 0 ? "" : $" PostgreSQL's last lock waits and failures: {string.Concat(lines)}";
    }

    private void CollectLogs()
    {
        var loggers = App.Services.GetRequiredService<ResourceLoggerService>();
        foreach (var resource in App.Services.GetRequiredService<DistributedApplicationModel>().Resources)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in loggers.WatchAsync(resource).WithCancellation(_stopping.Token))
                    {
                        foreach (var line in batch)
                        {
                            _logs.Enqueue((resource.Name, line.Content));
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            });
        }
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

    private readonly ConcurrentDictionary<Guid, Guid> _unitOfEstate = new();

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

    /// <summary>
    /// An owner of <paramref name="unitId"/> registered at reception (with a fresh phone number), whose app account
    /// identity opened from <c>OwnerRegistered</c>, and the one-time activation code the front desk hands over.
    /// </summary>
    public async Task<(Guid OwnerId, string Phone, string Code)> RegisterOwnerAsync(Guid estateId, Guid unitId, CancellationToken cancellationToken)
    {
        var phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}";
        var registered = await Admin.PostAsJsonAsync("/api/reception/owners", new
        {
            estateId, fullName = "Chen Jing", phone, idNumber = "310101198805061234", unitIds = new[] { unitId },
        }, cancellationToken);
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync(cancellationToken));
        var ownerId = (await registered.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken)).GetProperty("id").GetGuid();

        // Identity opens the account when the event arrives; until then there is nothing to issue a code for.
        string? code = null;
        await Eventually.Async(async () =>
        {
            var issued = await Admin.PostAsync($"/api/identity/owners/{ownerId}/activation-code", null, cancellationToken);
            if (issued.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            code = (await issued.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken)).GetProperty("code").GetString();
            return true;
        }, TimeSpan.FromSeconds(60), "identity should open the owner's account from OwnerRegistered");
        return (ownerId, phone, code!);
    }

    /// <summary>An owner of <paramref name="unitId"/>, activated and signed in to the owners' app through the login page.</summary>
    public async Task<HttpClient> OwnerAppAsync(Guid estateId, Guid unitId, CancellationToken cancellationToken)
    {
        var (_, phone, code) = await RegisterOwnerAsync(estateId, unitId, cancellationToken);
        return await ActivateOwnerAppAsync(phone, code, cancellationToken);
    }

    /// <summary>The owner activates their app account with the front desk's code and signs in through the login page.</summary>
    public async Task<HttpClient> ActivateOwnerAppAsync(string phone, string code, CancellationToken cancellationToken)
    {
        var activated = await Gateway.PostAsJsonAsync("/api/identity/activation", new { userName = phone, code, newPassword = DemoGroup.Password }, cancellationToken);
        activated.IsSuccessStatusCode.Should().BeTrue(await activated.Content.ReadAsStringAsync(cancellationToken));
        return await SignInAsync(phone, cancellationToken, DemoGroup.OwnerApp);
    }

    /// <summary>The working days of the estates <see cref="NewEstateAsync"/> registers: every day of the week.</summary>
    internal static readonly string[] EveryDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

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
        await _stopping.CancelAsync();
        Gateway?.Dispose();
        Admin?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Telemetry.DisposeAsync();
        _stopping.Dispose();
        if (_state is not null)
        {
            TestState.Delete(_state);
        }
    }
}
