using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// MassTransit on RabbitMQ from <c>ConnectionStrings:messaging</c> (an amqp:// URI, as Aspire.RabbitMQ.Client reads it):
/// kebab-case queues prefixed with the service name, retry with back-off, then the queue's <c>_error</c> queue.
/// Publishing goes through the outbox only.
/// </summary>
public static class MessagingExtensions
{
    public const string ConnectionName = "messaging";

    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionName}' is missing: set ConnectionStrings__{ConnectionName} (the AppHost does this).");

        builder.Services.AddSingleton<IIntegrationEventPublisher, MassTransitEventPublisher>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configureConsumers?.Invoke(bus);

            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                endpoint.UseMessageRetry(retry => retry.Exponential(
                    retryLimit: 5,
                    minInterval: TimeSpan.FromMilliseconds(200),
                    maxInterval: TimeSpan.FromSeconds(10),
                    intervalDelta: TimeSpan.FromMilliseconds(500))));

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString));
                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }
}
