using System.Collections.Concurrent;
using MassTransit;
using PropertyPlatform.Contracts;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// The test's own MassTransit bus on the platform's RabbitMQ, with the services' conventions (the contract record types
/// name the exchanges): it publishes events a service does not publish yet, and listens on a temporary queue (gone when
/// the bus stops) for the events the services publish. Call <see cref="Listen{T}"/> before <see cref="StartAsync"/>.
/// </summary>
public sealed class TestBus(string connectionString) : IAsyncDisposable
{
    private readonly List<Action<IRabbitMqReceiveEndpointConfigurator>> _handlers = [];
    private readonly ConcurrentQueue<object> _received = new();
    private IBusControl? _bus;

    /// <summary>Records every <typeparamref name="T"/> published on the broker from the start on.</summary>
    public TestBus Listen<T>()
        where T : class, IIntegrationEvent
    {
        _handlers.Add(endpoint => endpoint.Handler<T>(context =>
        {
            _received.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        return this;
    }

    /// <summary>Connects and binds the temporary queue; returns once the broker delivers to it.</summary>
    public async Task<TestBus> StartAsync(CancellationToken cancellationToken)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(connectionString));
            rabbit.ReceiveEndpoint($"e2e-test-bus-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                foreach (var handler in _handlers)
                {
                    handler(endpoint);
                }
            });
        });
        await _bus.StartAsync(cancellationToken);
        return this;
    }

    /// <summary>Publishes <paramref name="integrationEvent"/> as a service's outbox does: message id = event id, same correlation id.</summary>
    public Task PublishAsync<T>(T integrationEvent, CancellationToken cancellationToken)
        where T : class, IIntegrationEvent =>
        (_bus ?? throw new InvalidOperationException("Start the bus first.")).Publish(integrationEvent, context =>
        {
            context.MessageId = integrationEvent.EventId;
            context.CorrelationId = integrationEvent.CorrelationId;
        }, cancellationToken);

    /// <summary>The <typeparamref name="T"/> received so far.</summary>
    public IReadOnlyList<T> Received<T>() => [.. _received.OfType<T>()];

    /// <summary>
    /// Waits for a <typeparamref name="T"/> that matches <paramref name="match"/> and returns it (the outbox delivers at
    /// least once, so a repeat is allowed).
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan timeout, string because)
    {
        await Eventually.Async(() => Received<T>().Any(match), timeout, because);
        return Received<T>().First(match);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null)
        {
            await _bus.StopAsync(CancellationToken.None);
        }
    }
}
