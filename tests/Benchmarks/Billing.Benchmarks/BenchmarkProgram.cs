using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Runs;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Billing.Benchmarks;

/// <summary>
/// Starts billing in process on real PostgreSQL and RabbitMQ, seeds one estate of 100,000 units (floor area, owner,
/// resident) and an approved rate, then times, in the same run: a raw binary COPY of the run's bill rows into a table
/// shaped like <c>bills</c>, and the billing run itself as production does it (POST /api/billing/runs as the estate
/// manager, the run worker bills the estate in one transaction, the run is polled until posted). Prints both times, the
/// ratio, the run's phases and the outbox's drain. Options: <c>--units N --copies N --drain-seconds N</c>.
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
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PROPERTYPLATFORM_BILLING", Path.Combine(RepositoryRoot(), "src", "Billing"));
        var clock = Stopwatch.StartNew();
        Console.WriteLine("Starting billing in process (PostgreSQL and RabbitMQ from the AppHost model)...");
        var billing = new BillingUnderLoad();
        await billing.InitializeAsync();
        try
        {
            Console.WriteLine($"  up in {clock.Elapsed.TotalSeconds:0.0} s");
            clock.Restart();
            var period = RegistrySeeder.LastMonth();
            var (estateId, rate, units) = await new RegistrySeeder(billing.DatabaseConnectionString).SeedAsync(options.Units, period, ct);
            Console.WriteLine($"Seeded estate {estateId}: {options.Units:N0} units with floor area, owner and resident, 1 approved rate, in {clock.Elapsed.TotalSeconds:0.0} s");

            // The bills the run will issue, built by the same domain code, for the baseline: the rows, not how they are found.
            var baselineRun = BillingRun.Start(estateId, BillingPeriod.Month(period), FeeItem.ManagementFee, RegistrySeeder.Currency, "benchmark", Guid.NewGuid(), DateTimeOffset.UtcNow);
            var dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(EstateBillingTerms.DefaultPaymentTermDays);
            var bills = units
                .Select(u => Bill.Issue(baselineRun, u.UnitId, Proration.MonthlyLines(
                    FeeItem.ManagementFee, period, u.FloorArea!.Value, u.OccupiedDays(period, period.AddMonths(1)), [rate], RegistrySeeder.Currency), dueOn, baselineRun.StartedAt))
                .ToList();
            var copies = new List<TimeSpan>();
            for (var i = 0; i < options.Copies; i++)
            {
                copies.Add(await CopyBaseline.RunAsync(billing.DatabaseConnectionString, bills, ct));
                Console.WriteLine($"Binary COPY of {bills.Count:N0} bill rows (one transaction): {copies[^1].TotalSeconds:0.00} s");
            }

            var manager = billing.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, [estateId]));
            var (run, elapsed, cpu) = await RunAsync(manager, estateId, period, ct);
            var stored = await billing.InScopeAsync(s => s.GetRequiredService<BillingDbContext>().Bills.CountAsync(b => b.RunId == run.Id, ct));
            Console.WriteLine($"Billing run {run.Id}: {run.Status}, {run.BillCount:N0} bills ({stored:N0} stored), total {run.Total:N2} {run.Currency}" +
                (run.LastError is null ? "" : $", error: {run.LastError}"));
            if (run.Status != "Posted" || stored != bills.Count)
            {
                Console.WriteLine($"Expected {bills.Count:N0} bills posted.");
                return 1;
            }

            var copy = copies.Min();
            Console.WriteLine();
            Console.WriteLine($"| {options.Units:N0} units, {Environment.ProcessorCount} cores | seconds |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| binary COPY of the bill rows (best of {copies.Count}) | {copy.TotalSeconds:0.00} |");
            Console.WriteLine($"| billing run, POST to posted | {elapsed.TotalSeconds:0.00} |");
            Console.WriteLine($"| **ratio run / COPY** | **{elapsed / copy:0.0}×** |");
            Console.WriteLine($"| CPU of the billing process during the run | {cpu.TotalSeconds:0.00} |");
            if (billing.RunLog.PhasesOf(run.Id) is { } phases)
            {
                Console.WriteLine();
                Console.WriteLine("Where the run's time went (the worker's own stopwatch; reading and computing run on a connection of their own");
                Console.WriteLine("beside the writes, so the phases add up to more than the run):");
                Console.WriteLine("| phase | seconds | of the run |");
                Console.WriteLine("|---|---:|---:|");
                foreach (var (phase, spent) in phases.Spent)
                {
                    Console.WriteLine($"| {phase} | {spent.TotalSeconds:0.00} | {spent / elapsed:P0} |");
                }
            }

            await DrainAsync(billing, TimeSpan.FromSeconds(options.DrainSeconds), ct);
            return 0;
        }
        finally
        {
            await billing.DisposeAsync();
        }
    }

    /// <summary>Posts the run as the estate manager and polls it until the worker is done; the time and the process's CPU from the POST to that.</summary>
    private static async Task<(BillingRunResponse Run, TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(HttpClient manager, Guid estateId, DateOnly period, CancellationToken ct)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var started = await manager.PostAsJsonAsync("/api/billing/runs", new
        {
            estateId,
            period = period.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            feeItem = "management-fee",
        }, ct);
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Posting the run answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync(ct)}");
        }

        var run = (await started.Content.ReadFromJsonAsync<BillingRunResponse>(ApiJson.Options, ct))!;
        var lastProgress = -1;
        while (run.Status == "Running")
        {
            await Task.Delay(100, ct);
            run = (await manager.GetFromJsonAsync<BillingRunResponse>($"/api/billing/runs/{run.Id}", ApiJson.Options, ct))!;
            if (run.UnitsDone / 10_000 != lastProgress && run.Status == "Running")
            {
                lastProgress = run.UnitsDone / 10_000;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0.0} s: {run.UnitsDone:N0} of {run.UnitsTotal:N0} units");
            }
        }

        clock.Stop();
        process.Refresh();
        return (run, clock.Elapsed, process.TotalProcessorTime - cpuBefore);
    }

    /// <summary>How fast the run's events leave through the outbox (after the commit; the run does not wait for them).</summary>
    private static async Task DrainAsync(BillingUnderLoad billing, TimeSpan limit, CancellationToken ct)
    {
        if (limit <= TimeSpan.Zero)
        {
            return;
        }

        Task<int> PendingAsync() => billing.InScopeAsync(s => s.GetRequiredService<BillingDbContext>().OutboxMessages.CountAsync(m => m.PublishedAt == null, ct));
        var clock = Stopwatch.StartNew();
        var before = await PendingAsync();
        var pending = before;
        while (pending > 0 && clock.Elapsed < limit)
        {
            await Task.Delay(1000, ct);
            pending = await PendingAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"Outbox: {before - pending:N0} of the run's {before:N0} events published through RabbitMQ in {clock.Elapsed.TotalSeconds:0} s " +
            $"({(before - pending) / clock.Elapsed.TotalSeconds:N0} events/s){(pending > 0 ? $"; {pending:N0} still pending when the benchmark stopped waiting" : "")}.");
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

    private sealed record Options(int Units, int Copies, int DrainSeconds)
    {
        public static Options Parse(string[] args)
        {
            int Read(string name, int fallback)
            {
                var at = Array.IndexOf(args, $"--{name}");
                return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            return new Options(Read("units", 100_000), Read("copies", 2), Read("drain-seconds", 30));
        }
    }
}
