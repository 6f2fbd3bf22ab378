using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// The broker from <c>ConnectionStrings:messaging</c> (an amqp:// URI): Aspire.RabbitMQ.Client gives the connection
/// (<see cref="RabbitMQ.Client.IConnection"/>) and its health check; MassTransit runs its own RabbitMQ transport from
/// the same URI: kebab-case queues prefixed with the service name, retry with back-off, then the queue's <c>_error</c>
/// queue. Publishing goes through the outbox only.
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

        builder.AddRabbitMQClient(ConnectionName, settings =>
        {
            // Connect when first asked (by the health check), not at start: a broker that is down must not stop the service.
            settings.DisableAutoActivation = true;
            // Every /health probe tries again; retrying inside one probe would only hold it up while the broker is away.
            settings.MaxConnectRetryCount = 0;
        });

        builder.Services.AddSingleton<IIntegrationEventPublisher, MassTransitEventPublisher>();
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit 8.5 reports usage to its vendor over the internet unless told not to; the product calls out nowhere.
            bus.DisableUsageTelemetry();
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
