using System.Collections.Concurrent;
using MassTransit;
using PropertyPlatform.Contracts;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Support;

/// <summary>
/// Listens on the real broker, on a temporary queue of the service's own bus, for the events maintenance publishes:
/// what a test sees here went through the outbox, the dispatcher and RabbitMQ.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _received = new();
    private HostReceiveEndpointHandle? _handle;

    public static async Task<BusProbe> StartAsync(IBus bus, Action<BusProbe, IReceiveEndpointConfigurator> listen, CancellationToken cancellationToken)
    {
        var probe = new BusProbe();
        probe._handle = ((IReceiveConnector)bus).ConnectReceiveEndpoint(
            new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance, endpoint => listen(probe, endpoint));
        await probe._handle.Ready.WaitAsync(cancellationToken);
        return probe;
    }

    /// <summary>Records every <typeparamref name="T"/>; call from the listen callback of <see cref="StartAsync"/>.</summary>
    public void Listen<T>(IReceiveEndpointConfigurator endpoint)
        where T : class, IIntegrationEvent =>
        endpoint.Handler<T>(context =>
        {
            _received.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    public IReadOnlyList<T> Received<T>() => [.. _received.OfType<T>()];

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, string because)
    {
        await Eventually.Async(() => Received<T>().Any(match), TimeSpan.FromSeconds(30), because);
        return Received<T>().First(match);
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.StopAsync(CancellationToken.None);
        }
    }
}
