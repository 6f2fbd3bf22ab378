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
            if (IsFree(port))
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
