using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// Starts the system and runs the scenarios <c>--scenario</c> names (<c>requests</c>, the default; <c>passes</c>; or
/// <c>all</c>) on it. <c>requests</c> seeds one estate of 5,000 units and 200,000 customer requests, signs a real clerk in
/// and measures the request list (first and deep keyset page) and request intake through the gateway; <c>passes</c>
/// measures the guard's pass check through the gateway and directly against a GET by id (<see cref="PassChecks"/>).
/// Options (all optional): <c>--units N --requests N --list N --intake N --checks N --gets N --warmup N --concurrency N</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        var ct = cancel.Token;

        var clock = Stopwatch.StartNew();
        Console.WriteLine("Starting the system (AppHost model: PostgreSQL, RabbitMQ, every service, gateway)...");
        await using var system = await BenchmarkSystem.StartAsync(ct);
        Console.WriteLine($"  up in {clock.Elapsed.TotalSeconds:0.0} s; gateway {system.Gateway}");

        using var admin = await system.SignInAsync(DemoGroup.Admin, DemoGroup.Password, ct);
        var failed = false;
        if (options.Scenario is "requests" or "all")
        {
            failed |= await RequestsAsync(system, admin, options, ct);
        }

        if (options.Scenario is "passes" or "all")
        {
            Console.WriteLine();
            var passes = await PassChecks.RunAsync(system, admin, options.Checks, options.Gets, options.Warmup, options.Concurrency, ct);
            Console.WriteLine();
            Console.WriteLine($"Security-gate's pass check and GET by id, through the gateway and direct, {Environment.ProcessorCount} cores, closed loop; latencies in ms.");
            Report.Print(passes);
            PassChecks.PrintRatios(passes);
            failed |= passes.Any(r => r.Failures > 0);
        }

        return failed ? 1 : 0;
    }

    private static async Task<bool> RequestsAsync(BenchmarkSystem system, HttpClient admin, Options options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var (estateId, buildingIds) = await BenchmarkSystem.NewEstateAsync(admin, buildings: 20, ct);
        var seeder = new EstateSeeder(system.ReceptionDatabase);
        var unitIds = await seeder.SeedUnitsAsync(estateId, buildingIds, options.Units, ct);
        var unitsTook = clock.Elapsed;
        await seeder.SeedRequestsAsync(estateId, unitIds, options.Requests, ct);
        var seedTook = clock.Elapsed;
        Console.WriteLine(
            $"Seeded estate {estateId}: 20 buildings (API), {options.Units:N0} units and {options.Requests:N0} requests (binary COPY) " +
            $"in {seedTook.TotalSeconds:0.0} s (units {unitsTook.TotalSeconds:0.0} s, requests {(seedTook - unitsTook).TotalSeconds:0.0} s, ANALYZE included)");

        using var clerk = await system.NewClerkAsync(admin, estateId, ct);
        var deepCursor = await QueryPlans.CursorAfterAsync(system.ReceptionDatabase, estateId, skip: options.Requests * 3 / 4, ct);
        await CheckTheClerkSeesTheEstateAsync(clerk, estateId, deepCursor, ct);

        foreach (var (title, cursor) in new[] { ("first page", (string?)null), ($"deep page (after {options.Requests * 3 / 4:N0} requests)", deepCursor) })
        {
            Console.WriteLine();
            Console.WriteLine($"--- Plan of the request list, {title} ---");
            foreach (var plan in await QueryPlans.ExplainListAsync(system.ReceptionDatabase, estateId, cursor, ct))
            {
                Console.WriteLine(plan);
            }
        }

        var firstPage = $"/api/reception/requests?estateId={estateId}";
        var deepPage = $"{firstPage}&cursor={deepCursor}";
        var results = new List<ScenarioResult>
        {
            await LoadRunner.RunAsync("GET list, first page", options.List, options.Warmup, options.Concurrency, (_, token) => OkAsync(clerk.GetAsync(firstPage, token)), ct),
            await LoadRunner.RunAsync("GET list, deep keyset page", options.List, options.Warmup, options.Concurrency, (_, token) => OkAsync(clerk.GetAsync(deepPage, token)), ct),
            await LoadRunner.RunAsync("POST request (repair intake)", options.Intake, options.Warmup, options.Concurrency, (i, token) => OkAsync(clerk.PostAsJsonAsync("/api/reception/requests", new
            {
                estateId,
                unitId = unitIds[i % unitIds.Length],
                channel = "phone",
                category = "repair",
                urgency = "normal",
                description = "Water leaking from the bathroom ceiling",
                requesterName = "Benchmark Resident",
                requesterPhone = "13800001234",
            }, token)), ct),
        };

        Console.WriteLine();
        Console.WriteLine($"Through the gateway, {Environment.ProcessorCount} cores, closed loop, default page size (20); latencies in ms (nearest-rank percentiles over every request).");
        Report.Print(results);
        return results.Any(r => r.Failures > 0);
    }

    private static async Task<bool> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        // Read the whole body: a list is measured until its last byte arrived.
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private static async Task CheckTheClerkSeesTheEstateAsync(HttpClient clerk, Guid estateId, string deepCursor, CancellationToken ct)
    {
        foreach (var url in new[] { $"/api/reception/requests?estateId={estateId}", $"/api/reception/requests?estateId={estateId}&cursor={deepCursor}" })
        {
            var response = await clerk.GetAsync(url, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The clerk cannot list the seeded requests ({(int)response.StatusCode}): {body}");
            }

            var page = JsonSerializer.Deserialize<JsonElement>(body, ApiJson.Options);
            if (page.GetProperty("items").GetArrayLength() == 0 || page.GetProperty("nextCursor").ValueKind != JsonValueKind.String)
            {
                throw new InvalidOperationException($"Expected a full page of seeded requests with a next cursor from {url}: {body[..Math.Min(body.Length, 500)]}");
            }
        }
    }

    private sealed record Options(string Scenario, int Units, int Requests, int List, int Intake, int Checks, int Gets, int Warmup, int Concurrency)
    {
        public static Options Parse(string[] args)
        {
            int Read(string name, int fallback)
            {
                var at = Array.IndexOf(args, $"--{name}");
                return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            var scenario = Array.IndexOf(args, "--scenario") is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : "requests";
            if (scenario is not ("requests" or "passes" or "all"))
            {
                throw new ArgumentException($"--scenario {scenario}: expected requests, passes or all.");
            }

            return new Options(
                scenario, Read("units", 5_000), Read("requests", 200_000), Read("list", 2_000), Read("intake", 1_000), Read("checks", 1_000), Read("gets", 2_000),
                Read("warmup", 200), Read("concurrency", 4));
        }
    }
}
