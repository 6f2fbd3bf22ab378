using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>
/// Every process a run owns: the process groups of its resources (postgres backends, beam.smp, erl_child_setup,
/// dotnet), anything naming its state folder, and its epmd (found by its port). Used to prove nothing is left behind.
/// </summary>
internal static class ProcessSurvey
{
    public static IReadOnlyList<ProcessInfo> Owned(string stateDirectory, IEnumerable<int> resourcePids, IEnumerable<int> epmdPorts)
    {
        var groups = resourcePids.ToHashSet();
        var epmd = epmdPorts.Select(p => $"epmd -port {p} ").ToList();
        return [.. ProcessTable.Snapshot().Where(p =>
            groups.Contains(p.ProcessGroupId)
            || p.CommandLine.Contains(stateDirectory, StringComparison.Ordinal)
            || epmd.Any(e => (p.CommandLine + " ").Contains(e, StringComparison.Ordinal)))];
    }

    public static IReadOnlyList<ProcessInfo> Owned(DistributedApplication app) =>
        Owned(
            app.StateDirectory,
            app.GetResources().Where(r => r.Pid is not null).Select(r => r.Pid!.Value),
            app.Resources.OfType<RabbitMQServerResource>().Select(r => r.EpmdPort));

    /// <summary>Those of <paramref name="processes"/> still alive (same pid and command line).</summary>
    public static IReadOnlyList<ProcessInfo> StillAlive(IEnumerable<ProcessInfo> processes)
    {
        var alive = ProcessTable.Snapshot().ToDictionary(p => p.Pid);
        return [.. processes.Where(p => alive.TryGetValue(p.Pid, out var now) && now.CommandLine == p.CommandLine)];
    }
}
