using System.Net;
using System.Net.Sockets;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Ports for the endpoints the AppHost has to know before a process starts: RabbitMQ's node needs its AMQP, management,
/// distribution and epmd ports in its config files and Erlang arguments, where the orchestrator's late-bound
/// target ports can't reach. Picked once per run, free when picked.
/// </summary>
internal static class FreePorts
{
    /// <summary>Below this nothing is picked: the well-known and commonly configured ports.</summary>
    private const int Lowest = 10_000;

    /// <summary>
    /// A free port below the kernel's ephemeral range. A port from that range (what binding to port 0 gives) is also the
    /// source port of outgoing connections, so any client socket opened between the pick and the server's start could
    /// take it (RabbitMQ then fails with eaddrinuse); below the range only listeners take ports.
    /// </summary>
    public static int Next()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; below > Lowest && attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            if (IsFree(port) && Reserve(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            ? start
            : 32_768;
    }

    /// <summary>Where picked ports are reserved, one empty file per port, for every AppHost on this machine.</summary>
    private static readonly string Reservations = Path.Combine(Path.GetTempPath(), "propertyplatform-ports");

    /// <summary>How long a pick stays reserved: longer than any start of the system takes to bind what it picked.</summary>
    private static readonly TimeSpan Reserved = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A port is free when picked, but nobody listens on it until its process starts, minutes later under load; meanwhile
    /// another pick (this AppHost's next endpoint, or another AppHost starting beside it: the test projects run in
    /// parallel) could take the same port (CI: hr-training failed with "address already in use"). The pick is
    /// reserved with a file created only if absent, so no two picks share a port while either may still be binding.
    /// </summary>
    private static bool Reserve(int port)
    {
        var file = Path.Combine(Reservations, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(Reservations);
            if (File.Exists(file) && File.GetLastWriteTimeUtc(file) < DateTime.UtcNow - Reserved)
            {
                File.Delete(file);
            }

            using (new FileStream(file, FileMode.CreateNew, FileAccess.Write))
            {
            }

            return true;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
