using System.Net;
using System.Net.Sockets;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Hands out ports once each: stable ones for the real run, free ones for tests.</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> taken = [];

    /// <summary>Reserves a specific port (a fixed one from the model or configuration) without probing it.</summary>
    public int Reserve(int port)
    {
        taken.Add(port);
        return port;
    }

    /// <summary>The first port from <paramref name="start"/> on that is free and not yet handed out.</summary>
    public int NextFree(int start)
    {
        var port = start;
        while (taken.Contains(port) || !IsFree(port))
        {
            port++;
        }

        return Reserve(port);
    }

    /// <summary>A free port the operating system picks.</summary>
    public int Random()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (taken.Add(port))
            {
                return port;
            }
        }
    }

    /// <summary><paramref name="count"/> consecutive free ports starting at <paramref name="start"/> or above; random start when null.</summary>
    public int Block(int count, int? start)
    {
        var candidate = start ?? System.Random.Shared.Next(20000, 60000);
        while (!Enumerable.Range(candidate, count).All(p => !taken.Contains(p) && IsFree(p)))
        {
            candidate = start.HasValue ? candidate + count : System.Random.Shared.Next(20000, 60000);
        }

        foreach (var port in Enumerable.Range(candidate, count))
        {
            taken.Add(port);
        }

        return candidate;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
