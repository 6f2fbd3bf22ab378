using System.Net;
using System.Net.Sockets;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Hands out ports once each: stable ones for the real run, free ones for tests.</summary>
internal sealed class PortAllocator
{
    private readonly HashSet<int> taken = [];

    /// <summary>Reserves a fixed port (from the model, configuration or the stable defaults); fails early when it is taken.</summary>
    public int Reserve(int port, string purpose)
    {
        if (taken.Contains(port) || !IsFree(port))
        {
            throw new DistributedApplicationException(
                $"Port {port} ({purpose}) is already in use. Stop whatever holds it, or choose other ports (AppHost:GatewayPort, AppHost:DashboardPort).");
        }

        taken.Add(port);
        return port;
    }

    /// <summary><paramref name="count"/> consecutive fixed ports, each checked like <see cref="Reserve"/>.</summary>
    public int ReserveBlock(int start, int count, string purpose)
    {
        foreach (var port in Enumerable.Range(start, count))
        {
            Reserve(port, purpose);
        }

        return start;
    }

    /// <summary>The first port from <paramref name="start"/> on that is free and not yet handed out.</summary>
    public int NextFree(int start)
    {
        var port = start;
        while (taken.Contains(port) || !IsFree(port))
        {
            port++;
        }

        taken.Add(port);
        return port;
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

    /// <summary><paramref name="count"/> consecutive free ports at a random place.</summary>
    public int RandomBlock(int count)
    {
        var candidate = System.Random.Shared.Next(20000, 60000);
        while (!Enumerable.Range(candidate, count).All(p => !taken.Contains(p) && IsFree(p)))
        {
            candidate = System.Random.Shared.Next(20000, 60000);
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
