using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.TestSupport;
using RabbitMQ.Client;

namespace PropertyPlatform.Maintenance.Tests.Consumers;

public sealed class PoisonMessageTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_then_parked_in_the_error_queue_and_changes_nothing()
    {
        // A description longer than the column allows fails on every attempt: the retries cannot help.
        var poison = new RepairRequested(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null,
            new string('x', 5000), "Normal");

        await maintenance.Bus.Publish(poison, (PublishContext<RepairRequested> context) => context.MessageId = poison.EventId, Ct);

        var factory = new ConnectionFactory { Uri = new Uri(maintenance.MessagingConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        IDictionary<string, object?>? faultHeaders = null;
        await Eventually.Async(async () =>
        {
            // The error queue appears with the first message that fails for good; a channel that asks too early is closed.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
            try
            {
                var parked = await channel.BasicGetAsync("maintenance-repair-requested_error", autoAck: false, Ct);
                if (parked is null)
                {
                    return false;
                }

                await channel.BasicNackAsync(parked.DeliveryTag, multiple: false, requeue: true, Ct);
                if (parked.BasicProperties.MessageId?.Equals(poison.EventId.ToString(), StringComparison.OrdinalIgnoreCase) == true)
                {
                    faultHeaders = parked.BasicProperties.Headers;
                }

                return faultHeaders is not null;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), "after its retries the message should wait in maintenance's error queue");

        faultHeaders.Should().ContainKey("MT-Fault-Message");
        var stored = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>()
            .WorkOrders.CountAsync(w => w.RequestId == poison.RequestId, Ct));
        stored.Should().Be(0);
    }
}
