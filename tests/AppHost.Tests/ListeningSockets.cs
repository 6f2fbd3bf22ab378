using System.Globalization;
using System.Net;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>A TCP socket in the LISTEN state, the process that holds it and that process's command line.</summary>
public sealed record ListeningSocket(IPEndPoint Address, int ProcessId, string Command)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address.Address);

    public override string ToString() => $"{Address} ({ProcessId}: {Command})";
}

/// <summary>
/// The kernel's own view of who listens where: <c>/proc/net/tcp</c> and <c>tcp6</c> (LISTEN rows with their socket
/// inodes), matched to processes through <c>/proc/&lt;pid&gt;/fd</c>. Nothing to install, nothing to parse but hex.
/// </summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    /// <summary>
    /// The listening sockets of the platform whose resources run as <paramref name="resourceProcessIds"/>: of every
    /// process under the same detached root (the orchestrator runs with <c>--detach</c>: its proxies and every
    /// resource are below it, not below us), and of this process (where the AppHost itself runs in a test).
    /// </summary>
    public static List<ListeningSocket> OfPlatform(IEnumerable<int> resourceProcessIds)
    {
        var parents = ParentsByProcess();
        var roots = resourceProcessIds.Select(pid => TopAncestor(pid, parents)).Append(Environment.ProcessId).ToHashSet();
        var tree = roots.SelectMany(root => Descendants(root, parents).Append(root)).ToHashSet();
        var inodes = ListeningInodes();
        var sockets = new List<ListeningSocket>();
        foreach (var pid in tree)
        {
            foreach (var inode in SocketInodes(pid))
            {
                if (inodes.TryGetValue(inode, out var address))
                {
                    sockets.Add(new ListeningSocket(address, pid, CommandLine(pid)));
                }
            }
        }

        return sockets;
    }

    private static Dictionary<string, IPEndPoint> ListeningInodes()
    {
        var result = new Dictionary<string, IPEndPoint>(StringComparer.Ordinal);
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields[3] == ListenState)
                {
                    result[fields[9]] = ParseAddress(fields[1]);
                }
            }
        }

        return result;
    }

    /// <summary>"0100007F:1F90" is 127.0.0.1:8080: the address is in the kernel's byte order, 32 bits at a time.</summary>
    private static IPEndPoint ParseAddress(string hex)
    {
        var (addressHex, portHex) = (hex[..hex.IndexOf(':', StringComparison.Ordinal)], hex[(hex.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var bytes = new byte[addressHex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            var value = uint.Parse(addressHex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }

        return new IPEndPoint(new IPAddress(bytes), int.Parse(portHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static IEnumerable<string> SocketInodes(int pid)
    {
        string[] links;
        try
        {
            links = Directory.GetFiles($"/proc/{pid}/fd");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var link in links)
        {
            string? target;
            try
            {
                target = new FileInfo(link).LinkTarget;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                yield return target["socket:[".Length..^1];
            }
        }
    }

    private static int TopAncestor(int pid, Dictionary<int, int> parents)
    {
        while (parents.TryGetValue(pid, out var parent) && parent > 1)
        {
            pid = parent;
        }

        return pid;
    }

    private static IEnumerable<int> Descendants(int processId, Dictionary<int, int> parents)
    {
        var pending = new Stack<int>([processId]);
        while (pending.TryPop(out var pid))
        {
            foreach (var child in parents.Where(p => p.Value == pid).Select(p => p.Key))
            {
                yield return child;
                pending.Push(child);
            }
        }
    }

    private static Dictionary<int, int> ParentsByProcess()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": the command may hold spaces and parentheses, so read after the last ')'.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return parents;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
