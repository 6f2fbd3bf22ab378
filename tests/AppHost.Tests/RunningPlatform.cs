using System.Globalization;
using Aspire.Hosting;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The whole model started once for the tests that look at the running platform from outside.</summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    public static readonly string[] Resources =
        ["postgres", "messaging", "reception", "maintenance", "billing", "security-gate", "hr-training", "identity", "gateway"];

    public static readonly string[] Services = ["reception", "maintenance", "billing", "security-gate", "hr-training", "identity"];

    private readonly DirectoryInfo _state = TestState.CreateDirectory("apphost-running");

    public DistributedApplication App { get; private set; } = null!;

    public string StatePath => _state.FullName;

    /// <summary>The process of each resource, as the orchestrator reports it.</summary>
    public IReadOnlyList<int> ProcessIds { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(AppHostTesting.FullStartTimeout);
        var builder = await AppHostTesting.CreateBuilderAsync(_state, timeout.Token);
        App = await builder.BuildAsync(timeout.Token);
        await App.StartAsync(timeout.Token);
        var processIds = new List<int>();
        foreach (var resource in Resources)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            var snapshot = (await App.ResourceNotifications.WaitForResourceAsync(resource, _ => true, timeout.Token)).Snapshot;
            processIds.Add(Convert.ToInt32(snapshot.Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture));
        }

        ProcessIds = processIds;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        TestState.Delete(_state);
    }
}
