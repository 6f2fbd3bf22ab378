using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.AppHost.Hosting;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;
using RabbitMQ.Client;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>
/// Each service signs in to the broker as its own user (BrokerPermissions): the real node, the real MassTransit
/// topology of ServiceDefaults' AddMessaging, a user per service as the AppHost creates it.
/// </summary>
public sealed class BrokerUserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_service_gets_its_own_broker_user_and_connection_string()
    {
        var state = TestState.CreateDirectory("broker-users-model");
        try
        {
            var builder = await AppHostTesting.CreateBuilderAsync(state, Ct);
            var users = builder.Resources.OfType<RabbitMQUserResource>().ToList();

            users.Select(u => u.UserName).Should().BeEquivalentTo(BrokerPermissions.PublishedNamespaces.Keys);
            foreach (var user in users)
            {
                var service = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == user.UserName);
                service.Annotations.OfType<ResourceRelationshipAnnotation>().Should()
                    .Contain(r => r.Resource == user, $"{user.UserName}'s ConnectionStrings__messaging signs in as its own user")
                    .And.NotContain(r => r.Resource is RabbitMQServerResource, "no service gets the administrator");
            }
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    [Fact]
    public void Every_namespace_of_events_in_the_contracts_has_its_publisher_in_the_permission_table()
    {
        var eventNamespaces = typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IIntegrationEvent).IsAssignableFrom(t)).Select(t => t.Namespace).Distinct();

        eventNamespaces.Should().BeSubsetOf(BrokerPermissions.PublishedNamespaces.Keys.SelectMany(BrokerPermissions.NamespacesPublishedBy),
            "an event no service may write would never reach the broker");
    }

    [Theory]
    [InlineData("maintenance", true)]
    [InlineData("security-gate", true)]
    [InlineData("reception", false)]
    [InlineData("billing", false)]
    public void Only_maintenance_and_security_gate_may_write_charges_to_billing(string service, bool allowed)
    {
        Regex.IsMatch("PropertyPlatform.Contracts.Charges:ChargeRaised", BrokerPermissions.For(service).Write).Should().Be(allowed);
    }

    [Theory]
    [InlineData("reception")]
    [InlineData("maintenance")]
    [InlineData("billing")]
    [InlineData("security-gate")]
    [InlineData("hr-training")]
    [InlineData("identity")]
    public void Every_service_may_request_a_notification_and_report_an_sla_breach(string service)
    {
        var write = BrokerPermissions.For(service).Write;

        Regex.IsMatch("PropertyPlatform.Contracts.Notifications:NotificationRequested", write).Should().BeTrue();
        Regex.IsMatch("PropertyPlatform.Contracts.Sla:SlaBreached", write).Should().BeTrue();
        Regex.IsMatch("PropertyPlatform.Contracts.HrTraining:StaffHired", write).Should().Be(service == "hr-training",
            "only hr-training publishes staff events");
    }

    [Fact]
    public async Task A_service_cannot_publish_another_services_events_but_publishes_and_consumes_its_own()
    {
        var state = TestState.CreateDirectory("broker-users");
        try
        {
            var builder = await AppHostTesting.CreateBuilderAsync(state, Ct, AppHostTesting.InfrastructureOnly);
            foreach (var resource in builder.Resources.Where(r => r.Name.StartsWith("postgres", StringComparison.Ordinal)).ToList())
            {
                builder.Resources.Remove(resource);
            }

            var messaging = builder.CreateResourceBuilder(builder.Resources.OfType<RabbitMQServerResource>().Single());
            messaging.AddUser("reception", BrokerPermissions.For("reception"));
            messaging.AddUser("maintenance", BrokerPermissions.For("maintenance"));
            await using var app = await builder.BuildAsync(Ct);
            await app.StartAsync(Ct);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging-reception", timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging-maintenance", timeout.Token);

            var received = new ConcurrentQueue<RepairRequested>();
            using var maintenance = await StartServiceAsync("maintenance", (await app.GetConnectionStringAsync("messaging-maintenance", Ct))!, received);
            using var reception = await StartServiceAsync("reception", (await app.GetConnectionStringAsync("messaging-reception", Ct))!, received);

            var repair = RepairRequested();
            await PublishAsync(reception, repair);
            await Eventually.Async(() => received.Any(r => r.EventId == repair.EventId), TimeSpan.FromSeconds(30),
                "reception publishes its own event and maintenance's consumer gets it");

            // MassTransit would retry a refused publish until its caller gives up: ask the broker directly, as maintenance.
            await using var connection = await new ConnectionFactory { Uri = new Uri((await app.GetConnectionStringAsync("messaging-maintenance", Ct))!) }.CreateConnectionAsync(Ct);
            await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Ct);
            var forged = async () => await channel.BasicPublishAsync("PropertyPlatform.Contracts.Reception:RepairRequested", "", mandatory: false, "{}"u8.ToArray(), Ct);
            (await forged.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("ACCESS_REFUSED",
                "maintenance may not write to the exchange of reception's RepairRequested");

            await PublishAsync(maintenance, new SlaBreached(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(),
                "maintenance", "work-order", Guid.NewGuid(), "completion", DateTimeOffset.UtcNow, "supervisor"));
        }
        finally
        {
            TestState.Delete(state);
        }
    }

    private static RepairRequested RepairRequested() =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "Leak", "urgent");

    private static async Task PublishAsync(IHost service, IIntegrationEvent integrationEvent)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await service.Services.GetRequiredService<IIntegrationEventPublisher>()
            .PublishAsync(integrationEvent, integrationEvent.GetType(), integrationEvent.EventId, integrationEvent.CorrelationId, timeout.Token);
    }

    /// <summary>The service's messaging as ServiceDefaults wires it; maintenance with a consumer of RepairRequested.</summary>
    private static async Task<IHost> StartServiceAsync(string service, string connectionString, ConcurrentQueue<RepairRequested> received)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:messaging"] = connectionString });
        builder.Services.AddSingleton(received);
        builder.AddMessaging(service, bus =>
        {
            if (service == "maintenance")
            {
                bus.AddConsumer<RepairRequestedConsumer>();
            }
        });
        var host = builder.Build();
        await host.StartAsync(Ct);
        // The bus starts in the background: until maintenance's queue is bound, reception's publish would be dropped by
        // an exchange with nowhere to route it (CI saw that on a loaded machine).
        var bus = host.Services.GetRequiredService<IBusControl>();
        await Eventually.Async(() => bus.CheckHealth().Status == BusHealthStatus.Healthy, TimeSpan.FromSeconds(60),
            $"{service}'s bus should be connected and its consumers listening");
        return host;
    }

    private sealed class RepairRequestedConsumer(ConcurrentQueue<RepairRequested> received) : IConsumer<RepairRequested>
    {
        public Task Consume(ConsumeContext<RepairRequested> context)
        {
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
