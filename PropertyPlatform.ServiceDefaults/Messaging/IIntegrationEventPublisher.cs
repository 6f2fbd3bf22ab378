using MassTransit;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>Puts one event on the broker and returns once the broker has confirmed it.</summary>
public interface IIntegrationEventPublisher
{
    Task PublishAsync(object integrationEvent, Type eventType, Guid eventId, Guid correlationId, CancellationToken cancellationToken);
}

internal sealed class MassTransitEventPublisher(IBus bus) : IIntegrationEventPublisher
{
    public Task PublishAsync(object integrationEvent, Type eventType, Guid eventId, Guid correlationId, CancellationToken cancellationToken) =>
        bus.Publish(integrationEvent, eventType, context =>
        {
            context.MessageId = eventId;
            context.CorrelationId = correlationId;
        }, cancellationToken);
}
