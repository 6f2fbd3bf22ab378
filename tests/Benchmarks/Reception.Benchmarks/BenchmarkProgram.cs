using System.Diagnostics;
using System.Globalization;
using PropertyPlatform.EndToEndTests;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// Starts the system from the AppHost's model and runs the scenarios <c>--scenario</c> names: <c>all</c> (the default:
/// every scenario of issue 18 with its ratio against a baseline measured in the same run, <see cref="IssueScenarios"/>),
/// <c>intake</c> (intake and the event path with their baselines, and the SQL an intake costs), <c>passes</c> (security-gate's
/// pass check, <see cref="PassChecks"/>) or <c>import</c> (the registry import alone).
/// <c>--proxyless</c> runs every endpoint without the orchestrator's proxy. The same executable started with <c>--bare-api</c> is the baseline process.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains(BareBaseline.Argument))
        {
            await BareBaseline.RunAsync(args);
            return 0;
        }

        var options = Options.Parse(args);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));
        var ct = cancel.Token;

        var clock = Stopwatch.StartNew();
        Console.WriteLine($"Starting the system (AppHost model: PostgreSQL, RabbitMQ, every service, gateway, the baseline process){(options.Proxyless ? ", proxyless" : "")}...");
        await using var system = await BenchmarkSystem.StartAsync(options.Proxyless, options.ServiceEnvironment, ct);
        Console.WriteLine($"  up in {clock.Elapsed.TotalSeconds:0.0} s; gateway {system.Gateway}; processes {string.Join(", ", system.ProcessIds.Select(p => $"{p.Key} {p.Value}"))}");

        using var admin = await system.SignInAsync(DemoGroup.Admin, DemoGroup.Password, ct);
        if (options.Scenario == "passes")
        {
            var passes = await PassChecks.RunAsync(system, admin, options.Checks, options.Gets, options.Warmup, options.Concurrency, ct);
            Console.WriteLine();
            Console.WriteLine($"Security-gate's pass check and GET by id, through the gateway and direct, {Environment.ProcessorCount} cores, closed loop; latencies in ms.");
            Report.Print(passes);
            PassChecks.PrintRatios(passes);
            return passes.Any(r => r.Failures > 0) ? 1 : 0;
        }

        var scenarios = new IssueScenarios(system, options.Counts, ct);
        return await (options.Scenario == "import" ? scenarios.RunImportAsync(admin) : scenarios.RunAsync(admin, intakeOnly: options.Scenario == "intake")) ? 1 : 0;
    }

    private sealed record Options(string Scenario, bool Proxyless, ScenarioCounts Counts, int Checks, int Gets, int Warmup, int Concurrency, Dictionary<string, string> ServiceEnvironment)
    {
        public static Options Parse(string[] args)
        {
            int Read(string name, int fallback)
            {
                var at = Array.IndexOf(args, $"--{name}");
                return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            var scenario = Array.IndexOf(args, "--scenario") is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : "all";
            if (scenario is not ("passes" or "all" or "import" or "intake"))
            {
                throw new ArgumentException($"--scenario {scenario}: expected all, intake, passes or import.");
            }

            // --env NAME=VALUE (repeatable): given to every service process and the baseline, e.g. DOTNET_gcServer=0.
            var environment = args.Select((a, i) => (a, i)).Where(x => x.a == "--env" && x.i + 1 < args.Length)
                .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
            var warmup = Read("warmup", 200);
            var counts = new ScenarioCounts(
                Units: Read("units", 5_000), Requests: Read("requests", 200_000), IdleSeconds: Read("idle", 20),
                BareInserts: Read("bare", 3_000), Intakes: Read("intake", 1_000), IntakeConcurrency: Read("intake-concurrency", 8),
                EventPath: Read("event-path", 200), EventPathPerSecond: Read("event-rate", 20),
                Gets: Read("gets", 3_000), GetConcurrency: Read("get-concurrency", 16), FixedRateGets: Read("fixed-gets", 1_000), GetsPerSecond: Read("get-rate", 200),
                Lists: Read("list", 1_000), ImportRows: Read("import-rows", 10_000), Warmup: warmup);
            return new Options(scenario, args.Contains("--proxyless"), counts, Read("checks", 1_000), Read("gets", 2_000), warmup, Read("concurrency", 8), environment);
        }
    }
}
