using System.Globalization;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Children run in their own sessions, so an AppHost killed with SIGKILL leaves them behind. Each child's process group
/// is recorded in the state folder (pid and start time, which survive exec); the next run kills what is still there
/// before it starts anything, so ports, the postmaster.pid lock and the Erlang node name are free again.
/// </summary>
internal sealed class PidFiles(string stateDirectory)
{
    private string Directory => Path.Combine(stateDirectory, "pids");

    public void Record(string key, ChildProcess child)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var startTime = ProcessTable.GetStartTime(child.Pid);
        File.WriteAllText(PathOf(key), $"{child.Pid} {startTime}");
    }

    public void Forget(string key) => File.Delete(PathOf(key));

    /// <summary>Kills the process groups a previous run recorded and never stopped; returns what it killed.</summary>
    public IReadOnlyList<string> ReapLeftovers()
    {
        var reaped = new List<string>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return reaped;
        }

        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.pid"))
        {
            var parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var startTime)
                && ProcessTable.GetStartTime(pid) == startTime)
            {
                for (var attempt = 0; attempt < 50 && ProcessTable.GroupIsAlive(pid); attempt++)
                {
                    NativeMethods.SignalGroup(pid, NativeMethods.SigKill);
                    Thread.Sleep(100);
                }

                // A killed process stays a zombie until init reaps it, and postgres treats a zombie's pid in
                // postmaster.pid as a running server: wait until the pid is really gone.
                for (var attempt = 0; attempt < 100 && System.IO.Directory.Exists($"/proc/{pid}"); attempt++)
                {
                    Thread.Sleep(50);
                }

                reaped.Add($"{Path.GetFileNameWithoutExtension(file)} (pid {pid})");
            }

            File.Delete(file);
        }

        return reaped;
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".pid");
}
