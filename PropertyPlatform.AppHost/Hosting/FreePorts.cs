using System.Net;
using System.Net.Sockets;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Ports for the endpoints the AppHost has to know before a process starts: RabbitMQ's node needs its AMQP, management,
/// distribution and epmd ports in its config files and Erlang arguments, where the orchestrator's late-bound
/// target ports can't reach. The operating system picks them (bind to port 0), once per run.
/// </summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
