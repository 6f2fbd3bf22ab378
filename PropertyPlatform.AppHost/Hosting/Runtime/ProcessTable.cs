namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A live (non-zombie) process as /proc shows it.</summary>
public sealed record ProcessInfo(int Pid, int ProcessGroupId, string CommandLine);

/// <summary>Reads /proc: which processes are alive in a group, or mention a path (used for orphan checks).</summary>
public static class ProcessTable
{
    public static IReadOnlyList<ProcessInfo> Snapshot()
    {
        var result = new List<ProcessInfo>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // stat is "pid (comm) state ppid pgrp ...": comm may hold spaces, so parse after the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] is "Z" or "X")
                {
                    continue;
                }

                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
                result.Add(new ProcessInfo(pid, int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), commandLine));
            }
            catch (IOException)
            {
                // The process ended while we read it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return result;
    }

    /// <summary>When the process started (clock ticks since boot): with the pid, it identifies a process across exec.</summary>
    public static long? GetStartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is "Z" or "X" ? null : long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static bool GroupIsAlive(int processGroupId) => Snapshot().Any(p => p.ProcessGroupId == processGroupId);

    /// <summary>Processes whose command line mentions <paramref name="text"/> (a state folder, a dll path).</summary>
    public static IReadOnlyList<ProcessInfo> FindByCommandLine(string text) =>
        [.. Snapshot().Where(p => p.CommandLine.Contains(text, StringComparison.Ordinal) && p.Pid != Environment.ProcessId)];
}
