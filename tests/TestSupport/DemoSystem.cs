using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

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
            throw new TimeoutException($"The system did not become healthy within {timeout}: " + await DescribeUnreadyAsync(app, resources, lastLines));
        }
    }

    /// <summary>
    /// Each of <paramref name="resources"/> (else every visible resource of the model) that is not yet running and healthy,
    /// with <see cref="Describe"/> and, when <paramref name="lastLines"/> is given, what it wrote last: for a start that
    /// timed out.
    /// </summary>
    public static async Task<string> DescribeUnreadyAsync(DistributedApplication app, IEnumerable<string>? resources = null, Func<string, string>? lastLines = null)
    {
        var states = new List<string>();
        foreach (var resource in resources ?? app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name))
        {
            using var look = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                var snapshot = (await app.ResourceNotifications.WaitForResourceAsync(resource, _ => true, look.Token)).Snapshot;
                var ready = snapshot.State?.Text == KnownResourceStates.Finished ||
                    (snapshot.State?.Text == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
                if (!snapshot.IsHidden && !ready)
                {
                    states.Add($"{resource}: {Describe(snapshot)}{lastLines?.Invoke(resource)}");
                }
            }
            catch (OperationCanceledException)
            {
                states.Add($"{resource}: no state");
            }
        }

        return string.Join("; ", states);
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
