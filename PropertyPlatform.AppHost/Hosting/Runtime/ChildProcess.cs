using System.Diagnostics;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// A child started through <c>setsid</c>, so it leads its own process group and session: the whole group
/// (postgres backends, beam.smp with erl_child_setup, a dotnet app) can be signalled at once, and Ctrl+C in the
/// terminal reaches only the AppHost, which then stops children in order.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;

    private ChildProcess(Process process) => this.process = process;

    /// <summary>setsid execs in place (the forked child is no group leader), so this pid is also the group id.</summary>
    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        Action<string, bool> onLine,
        IReadOnlyDictionary<string, string>? environment = null,
        IEnumerable<string>? removeVariables = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Kept open and never written: a child must not read the AppHost's terminal.
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in removeVariables ?? [])
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, true);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => process.WaitForExitAsync(cancellationToken);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends <paramref name="signal"/> to the leader only (postgres and the rabbitmq-server script shut down their own children).</summary>
    public void Signal(int signal) => NativeMethods.Signal(Pid, signal);

    /// <summary>SIGKILL to the whole group: nothing the child started may outlive it.</summary>
    public void KillGroup() => NativeMethods.SignalGroup(Pid, NativeMethods.SigKill);

    /// <summary>Graceful signal, wait, then SIGKILL to the group; finally waits until the group is empty.</summary>
    public async Task StopAsync(int signal, TimeSpan timeout, bool signalGroup = false)
    {
        if (!process.HasExited)
        {
            if (signalGroup)
            {
                NativeMethods.SignalGroup(Pid, signal);
            }
            else
            {
                Signal(signal);
            }

            if (!await WaitForExitAsync(timeout))
            {
                KillGroup();
                await WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
        }

        await KillRemainingGroupAsync();
    }

    /// <summary>Leftovers of the group (an erl_child_setup, a postgres backend) are killed and awaited.</summary>
    public async Task KillRemainingGroupAsync()
    {
        for (var attempt = 0; attempt < 50 && ProcessTable.GroupIsAlive(Pid); attempt++)
        {
            KillGroup();
            await Task.Delay(100);
        }
    }

    public void Dispose() => process.Dispose();
}
