using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Reception.Benchmarks;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Benchmarks;

/// <summary>
/// Starts maintenance in process on real PostgreSQL and RabbitMQ, seeds 500 technicians and 50,000 open work orders
/// across 5 estates (every technician works in all of them), then measures over HTTP, with real tokens: the dispatch
/// candidates of an order waiting for dispatch (the query behind every dispatch) and a technician's work list (first
/// page). Options: <c>--technicians N --orders N --estates N --count N --warmup N --concurrency N</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        var ct = cancel.Token;
        // Request logs and SQL are not what is measured: keep the service's console quiet.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        // A console tool gets no content-root attribute from the test SDK: point the factory at the service's folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PROPERTYPLATFORM_MAINTENANCE", Path.Combine(RepositoryRoot(), "src", "Maintenance"));
        var clock = Stopwatch.StartNew();
        Console.WriteLine("Starting maintenance in process (PostgreSQL and RabbitMQ from the AppHost model)...");
        var maintenance = new MaintenanceUnderLoad();
        await maintenance.InitializeAsync();
        try
        {
            Console.WriteLine($"  up in {clock.Elapsed.TotalSeconds:0.0} s");
            clock.Restart();
            var (estates, technicians, waiting) = await new DispatchSeeder(maintenance.DatabaseConnectionString)
                .SeedAsync(options.Estates, options.Technicians, options.Orders, waiting: 200, ct);
            Console.WriteLine($"Seeded {options.Estates} estates, {options.Technicians:N0} technicians and {options.Orders:N0} open work orders in {clock.Elapsed.TotalSeconds:0.0} s");

            var supervisor = maintenance.CreateClient(new TestCaller(Guid.NewGuid().ToString(), "Supervisor", [PlatformRoles.MaintenanceSupervisor], estates, []));
            var technicianClients = technicians.Take(50)
                .Select(t => maintenance.CreateClient(new TestCaller(t.ToString(), "Technician", [PlatformRoles.Technician], estates, []))).ToArray();
            await CheckAsync(supervisor, $"/api/maintenance/work-orders/{waiting[0]}/candidates", options.Technicians, ct);

            // The same query and ranking without HTTP, auth and JSON: how much of the answer is the database's.
            var waitingOrders = await DirectAsync(maintenance, db => db.WorkOrders.IgnoreQueryFilters().AsNoTracking().Where(w => waiting.Contains(w.Id)).ToListAsync(ct));
            var results = new List<ScenarioResult>
            {
                await LoadRunner.RunAsync("Dispatcher.CandidatesAsync (no HTTP)", options.Count, options.Warmup, options.Concurrency,
                    (i, token) => DirectAsync(maintenance, async db => (await Dispatcher.CandidatesAsync(
                        db, waitingOrders[i % waitingOrders.Count], DispatchSeeder.Trade, WorkOrderDeadlines.AroundTheClock, DateTimeOffset.UtcNow, token)).Count > 0), ct),
                await LoadRunner.RunAsync("GET dispatch candidates", options.Count, options.Warmup, options.Concurrency,
                    (i, token) => OkAsync(supervisor.GetAsync($"/api/maintenance/work-orders/{waiting[i % waiting.Length]}/candidates", token)), ct),
                await LoadRunner.RunAsync("GET technician's work list", options.Count, options.Warmup, options.Concurrency,
                    (i, token) => OkAsync(technicianClients[i % technicianClients.Length].GetAsync(
                        $"/api/maintenance/work-orders?technicianId={technicians[i % technicianClients.Length]}", token)), ct),
            };

            Console.WriteLine();
            Console.WriteLine($"In process over HTTP (TestServer), {Environment.ProcessorCount} cores, closed loop; latencies in ms (nearest-rank percentiles over every request).");
            Report.Print(results);
            return results.Any(r => r.Failures > 0) ? 1 : 0;
        }
        finally
        {
            await maintenance.DisposeAsync();
        }
    }

    private static async Task<T> DirectAsync<T>(MaintenanceUnderLoad maintenance, Func<MaintenanceDbContext, Task<T>> query)
    {
        await using var scope = maintenance.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MaintenanceDbContext>());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PropertyPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    private static async Task<bool> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    /// <summary>The candidates answer ranks every seeded technician: otherwise the benchmark measures something smaller.</summary>
    private static async Task CheckAsync(HttpClient supervisor, string url, int technicians, CancellationToken ct)
    {
        var response = await supervisor.GetAsync(url, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var candidates = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<JsonElement>(body, ApiJson.Options).GetProperty("candidates").GetArrayLength() : -1;
        if (candidates != technicians)
        {
            throw new InvalidOperationException($"Expected {technicians} candidates from {url}, got {(int)response.StatusCode}: {body[..Math.Min(500, body.Length)]}");
        }
    }

    private sealed record Options(int Technicians, int Orders, int Estates, int Count, int Warmup, int Concurrency)
    {
        public static Options Parse(string[] args)
        {
            int Read(string name, int fallback)
            {
                var at = Array.IndexOf(args, $"--{name}");
                return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            return new Options(Read("technicians", 500), Read("orders", 50_000), Read("estates", 5), Read("count", 500), Read("warmup", 50), Read("concurrency", 2));
        }
    }
}
