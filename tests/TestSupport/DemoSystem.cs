using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace PropertyPlatform.TestSupport;

/// <summary>
/// The whole system from the AppHost's model with the demo group seeded (README's accounts), as the end-to-end and the
/// browser tests start it.
/// </summary>
public static class DemoSystem
{
    /// <summary>Every resource of a full start that ends up running (the init step finishes; parameters hold no process).</summary>
    public static readonly string[] Resources =
        ["postgres", "messaging", "mail", "reception", "maintenance", "billing", "security-gate", "hr-training", "identity", "gateway", "web"];

    /// <summary>Identity and reception seed the demo group; access tokens outlive a whole run; one address signs in often.</summary>
    public static IDistributedApplicationTestingBuilder WithDemoGroup(this IDistributedApplicationTestingBuilder builder)
    {
        builder.Project("identity")
            .WithEnvironment("Identity__SeedDemoData", "true")
            .WithEnvironment("Identity__AccessTokenLifetime", "01:00:00")
            // Every sign-in of a suite comes from this one address within a few minutes; identity's tests cover the limit.
            .WithEnvironment("Identity__LoginPermitsPerMinute", "1000");
        builder.Project("reception").WithEnvironment("Reception__SeedDemoData", "true");
        return builder;
    }

    /// <summary>
    /// Waits until each of <paramref name="resources"/> is running and healthy; fails naming those that are not, with their
    /// failing health checks and, when <paramref name="lastLines"/> is given, what each of them wrote last.
    /// </summary>
    public static async Task WaitUntilHealthyAsync(DistributedApplication app, IEnumerable<string> resources, TimeSpan timeout, Func<string, string>? lastLines = null)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            foreach (var resource in resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellation.Token);
            }
        }
        catch (OperationCanceledException)
        {
            var states = new List<string>();
            foreach (var resource in resources)
            {
                using var look = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var snapshot = (await app.ResourceNotifications.WaitForResourceAsync(resource, _ => true, look.Token)).Snapshot;
                if (snapshot.State?.Text != "Running" || snapshot.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                {
                    states.Add($"{resource}: {Describe(snapshot)}{lastLines?.Invoke(resource)}");
                }
            }

            throw new TimeoutException($"The system did not become healthy within {timeout}: " + string.Join("; ", states));
        }
    }

    /// <summary>
    /// A resource's state and health as one line, with each failing health check's name and reason, as the dashboard's
    /// details pane shows them: what a failing test needs to say which check kept a resource unhealthy.
    /// </summary>
    public static string Describe(CustomResourceSnapshot snapshot)
    {
        var failing = snapshot.HealthReports
            .Where(r => r.Status != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .Select(r => $"{r.Name} {r.Status?.ToString() ?? "not yet checked"}" +
                (r.Description ?? r.ExceptionText?.Split('\n', 2)[0]) switch { null or "" => "", var why => $" ({why.Trim()})" });
        var reports = string.Join(", ", failing);
        return $"{snapshot.State?.Text} {snapshot.HealthStatus}{(reports.Length == 0 ? "" : $" [{reports}]")}";
    }
}
