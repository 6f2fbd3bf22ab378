using System.Net;
using System.Net.Sockets;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Fixed public ports are checked before anything starts, so a taken port is one clear message naming the setting
/// that changes it rather than a proxy error deep in the orchestrator's log.
/// </summary>
public static class PortCheck
{
    public static void EnsureFree(int port, string purpose, string setting)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new DistributedApplicationException(
                $"Port {port} for {purpose} is already in use by another program: stop it, or choose another port with {setting}.", exception);
        }
    }

    /// <summary>Checks <paramref name="port"/> just before the orchestrator starts the resources.</summary>
    public static IResourceBuilder<T> WithFreePortCheck<T>(this IResourceBuilder<T> builder, int? port, string setting) where T : IResource
    {
        if (port is { } fixedPort)
        {
            builder.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
            {
                EnsureFree(fixedPort, $"the {builder.Resource.Name}", setting);
                return Task.CompletedTask;
            });
        }

        return builder;
    }
}
