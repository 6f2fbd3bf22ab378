using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// The guard's online pass check (<c>POST /api/security-gate/passes/check</c>: signature, window, revocation, uses, and the
/// entry recorded with its visit and the host's notification) through the gateway and directly to security-gate, against
/// a GET of a pass by id measured in the same run the same two ways. The demo owner of North 1-101 pre-registers
/// multiple-use passes in the owners' app; a gate guard of North (a real account, made by the admin) checks them; the
/// estate manager reads them. Every check is made on another pass than the checks in flight beside it (a pass's uses are
/// counted on its row), and no pass is used more than it allows, so every check is admitted.
/// </summary>
public static class PassChecks
{
    private const int UsesPerPass = 50;
    private static readonly string[] GuardRoles = [PlatformRoles.GateGuard];

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(
        BenchmarkSystem system, HttpClient admin, int checks, int gets, int warmup, int concurrency, CancellationToken ct)
    {
        using var owner = await system.SignInAsync(DemoGroup.OwnerNorth, DemoGroup.Password, ct, DemoGroup.OwnerApp);
        using var guard = await system.NewStaffAsync(admin, DemoGroup.North, GuardRoles, ct);
        using var manager = await system.SignInAsync(DemoGroup.ManagerNorth, DemoGroup.Password, ct);
        using var guardDirect = system.Direct("security-gate", guard);
        using var managerDirect = system.Direct("security-gate", manager);

        var totalChecks = 2 * (checks + warmup);
        var passCount = Math.Max(4 * concurrency, (totalChecks + UsesPerPass - 1) / UsesPerPass + 1);
        var tokens = new string[passCount];
        var ids = new Guid[passCount];
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < passCount; i++)
        {
            var issued = await owner.PostAsJsonAsync("/api/security-gate/passes", new
            {
                estateId = DemoGroup.North,
                unitId = DemoGroup.NorthUnit101,
                visitorName = $"Benchmark visitor {i}",
                purpose = "visit",
                validFrom = now.AddMinutes(-1),
                validUntil = now.AddHours(12),
                maxUses = UsesPerPass,
            }, ct);
            await BenchmarkSystem.EnsureAsync(issued, "issuing a pass", ct);
            var pass = await issued.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, ct);
            (ids[i], tokens[i]) = (pass.GetProperty("id").GetGuid(), pass.GetProperty("token").GetString()!);
        }

        Console.WriteLine($"Issued {passCount} passes of {UsesPerPass} uses each (as the owner, through the gateway) for {totalChecks:N0} checks");

        // One sequence over every check of every run: consecutive checks go to different passes, none past its uses.
        var nextCheck = -1;
        Task<bool> CheckAsync(HttpClient client, CancellationToken token) =>
            AdmittedAsync(client.PostAsJsonAsync("/api/security-gate/passes/check", new { token = tokens[Interlocked.Increment(ref nextCheck) % passCount] }, token));

        return
        [
            await LoadRunner.RunAsync("POST pass check, gateway", checks, warmup, concurrency, (_, token) => CheckAsync(guard, token), ct),
            await LoadRunner.RunAsync("POST pass check, direct", checks, warmup, concurrency, (_, token) => CheckAsync(guardDirect, token), ct),
            await LoadRunner.RunAsync("GET pass by id, gateway", gets, warmup, concurrency, (i, token) => OkAsync(manager.GetAsync($"/api/security-gate/passes/{ids[i % passCount]}", token)), ct),
            await LoadRunner.RunAsync("GET pass by id, direct", gets, warmup, concurrency, (i, token) => OkAsync(managerDirect.GetAsync($"/api/security-gate/passes/{ids[i % passCount]}", token)), ct),
        ];
    }

    /// <summary>The ratios issue 16 asks for: gateway against direct, and the check against the GET, each the same way.</summary>
    public static void PrintRatios(IReadOnlyList<ScenarioResult> results)
    {
        var (checkGateway, checkDirect, getGateway, getDirect) = (results[0], results[1], results[2], results[3]);
        string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
        Console.WriteLine();
        Console.WriteLine("| ratio | req/s | p50 | p99 |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, a, b) in new[]
        {
            ("pass check: gateway / direct", checkGateway, checkDirect),
            ("GET by id: gateway / direct", getGateway, getDirect),
            ("direct: pass check / GET by id", checkDirect, getDirect),
            ("gateway: pass check / GET by id", checkGateway, getGateway),
        })
        {
            Console.WriteLine($"| {name} | {Ratio(a.Throughput / b.Throughput)} | {Ratio(a.Percentile(50) / b.Percentile(50))} | {Ratio(a.Percentile(99) / b.Percentile(99))} |");
        }
    }

    private static async Task<bool> AdmittedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options);
        return answer.GetProperty("admitted").GetBoolean();
    }

    private static async Task<bool> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }
}
