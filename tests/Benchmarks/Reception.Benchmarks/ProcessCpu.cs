using System.Globalization;

namespace PropertyPlatform.Reception.Benchmarks;

/// <summary>
/// CPU time of the processes a scenario involves, read from <c>/proc/&lt;pid&gt;/stat</c>: each named process with every
/// process below it (a service started through <c>dotnet run</c>, PostgreSQL's backends), children that already ended
/// included (their time moves to the parent's <c>cutime</c>/<c>cstime</c> when it reaps them). The orchestrator (DCP,
/// whose endpoint proxies carry every request when they are on) counts its own processes only, not the resources it runs.
/// </summary>
public sealed class ProcessCpu(IReadOnlyDictionary<string, int> roots)
{
    /// <summary>Linux's USER_HZ: /proc counts CPU time in these ticks.</summary>
    private const double TicksPerSecond = 100;

    public const string Orchestrator = "orchestrator (DCP)";

    public const string Client = "load client (this process)";

    public IReadOnlyDictionary<string, double> Snapshot()
    {
        var processes = ReadAll();
        var children = processes.Values.ToLookup(p => p.ParentId);
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        var inTrees = new HashSet<int>();
        foreach (var (name, root) in roots)
        {
            if (!processes.TryGetValue(root, out var process))
            {
                continue;
            }

            var total = process.ReapedTicks;
            foreach (var member in Tree(process, children))
            {
                total += member.OwnTicks;
                inTrees.Add(member.Id);
            }

            seconds[name] = total / TicksPerSecond;
        }

        var self = Environment.ProcessId;
        seconds[Client] = processes[self].OwnTicks / TicksPerSecond;
        // DCP runs detached, watching this process (the AppHost runs in it): its processes name this one as the monitored
        // process (or descend from one that does). The resources below them are counted above.
        var orchestrator = processes.Values.Where(p => p.Name.StartsWith("dcp", StringComparison.Ordinal) && MonitorsThisProcess(p.Id))
            .SelectMany(p => Tree(p, children)).DistinctBy(p => p.Id).Where(p => !inTrees.Contains(p.Id));
        seconds[Orchestrator] = orchestrator.Sum(p => p.OwnTicks + (p.Name.StartsWith("dcp", StringComparison.Ordinal) ? p.ReapedTicks : 0)) / TicksPerSecond;
        return seconds;
    }

    /// <summary>CPU seconds each process used between two snapshots.</summary>
    public static Dictionary<string, double> Between(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        after.ToDictionary(a => a.Key, a => Math.Max(0, a.Value - before.GetValueOrDefault(a.Key)), StringComparer.Ordinal);

    private static bool MonitorsThisProcess(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return arguments.Contains(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<ProcessStat> Tree(ProcessStat root, ILookup<int, ProcessStat> children)
    {
        var pending = new Stack<ProcessStat>([root]);
        while (pending.TryPop(out var process))
        {
            yield return process;
            foreach (var child in children[process.Id])
            {
                pending.Push(child);
            }
        }
    }

    private static Dictionary<int, ProcessStat> ReadAll()
    {
        var all = new Dictionary<int, ProcessStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                all[pid] = ProcessStat.Parse(File.ReadAllText(Path.Combine(directory, "stat")));
            }
            catch (IOException)
            {
                // It ended while we looked: its time is in its parent's reaped total.
            }
        }

        return all;
    }

    private sealed record ProcessStat(int Id, string Name, int ParentId, long OwnTicks, long ReapedTicks)
    {
        /// <summary><c>pid (comm) state ppid ...</c>: utime, stime, cutime, cstime are fields 14–17 (comm may hold spaces).</summary>
        public static ProcessStat Parse(string stat)
        {
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return new ProcessStat(
                int.Parse(stat[..open], CultureInfo.InvariantCulture),
                stat[(open + 1)..close],
                (int)Field(4),
                Field(14) + Field(15),
                Field(16) + Field(17));
        }
    }
}
