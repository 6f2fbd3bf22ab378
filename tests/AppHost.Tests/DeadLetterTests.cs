using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace PropertyPlatform.AppHost.Tests;

[Collection(SharedInfrastructure.Name)]
public sealed class DeadLetterTests(InfrastructureFixture fixture)
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Error_queue_messages_are_listed_and_replayed_to_their_queue()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(fixture.App.GetConnectionString("messaging")) }.CreateConnectionAsync(Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        await channel.QueueDeclareAsync("work-orders", durable: true, exclusive: false, autoDelete: false, cancellationToken: Cancel);
        await channel.QueueDeclareAsync("work-orders_error", durable: true, exclusive: false, autoDelete: false, cancellationToken: Cancel);
        foreach (var id in new[] { "m-1", "m-2", "m-3" })
        {
            await PublishFaultedAsync(channel, id);
        }

        var queues = await WaitForErrorQueueAsync("work-orders_error", expectedCount: 3);
        var queue = queues.Single(q => q.GetProperty("queue").GetString() == "work-orders_error");
        queue.GetProperty("originalQueue").GetString().Should().Be("work-orders");
        var first = queue.GetProperty("messages")[0];
        first.GetProperty("messageId").GetString().Should().Be("m-1");
        first.GetProperty("messageType").GetString().Should().Be("urn:message:PropertyPlatform.Contracts:RepairRequested");
        first.GetProperty("faultMessage").GetString().Should().Be("Technician roster unavailable");
        first.GetProperty("body").GetString().Should().Contain("\"unitId\"");

        using (var one = await Http.PostAsync(Api("/api/dead-letters/work-orders_error/replay/m-2"), null, Cancel))
        {
            one.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await channel.MessageCountAsync("work-orders", Cancel)).Should().Be(1);
        (await channel.MessageCountAsync("work-orders_error", Cancel)).Should().Be(2);
        var replayedOne = await channel.BasicGetAsync("work-orders", autoAck: true, Cancel);
        replayedOne!.BasicProperties.MessageId.Should().Be("m-2");
        replayedOne.BasicProperties.Headers.Should().NotContainKey("MT-Fault-Message");

        using (var missing = await Http.PostAsync(Api("/api/dead-letters/work-orders_error/replay/nope"), null, Cancel))
        {
            missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using var all = await Http.PostAsync(Api("/api/dead-letters/work-orders_error/replay"), null, Cancel);
        (await all.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("replayed").GetInt32().Should().Be(2);
        (await channel.MessageCountAsync("work-orders", Cancel)).Should().Be(2);
        (await channel.MessageCountAsync("work-orders_error", Cancel)).Should().Be(0);
    }

    private Uri Api(string path) => new(fixture.App.DashboardUrl!, path);

    private static async Task PublishFaultedAsync(IChannel channel, string messageId)
    {
        // What MassTransit leaves in an error queue: its JSON envelope plus MT-Fault-* headers.
        var body = $$$"""{"messageId":"{{{messageId}}}","messageType":["urn:message:PropertyPlatform.Contracts:RepairRequested"],"message":{"unitId":"u-7"}}""";
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/vnd.masstransit+json",
            Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                ["MT-Fault-Message"] = "Technician roster unavailable",
                ["MT-Fault-ExceptionType"] = "System.InvalidOperationException",
                ["MT-Reason"] = "fault",
            },
        };
        await channel.BasicPublishAsync("", "work-orders_error", mandatory: false, properties, Encoding.UTF8.GetBytes(body), Cancel);
    }

    /// <summary>The management API lists a new queue after a short delay.</summary>
    private async Task<List<JsonElement>> WaitForErrorQueueAsync(string name, int expectedCount)
    {
        for (var attempt = 0; ; attempt++)
        {
            var queues = (await Http.GetFromJsonAsync<JsonElement>(Api("/api/dead-letters"), Cancel)).EnumerateArray().ToList();
            if (queues.Any(q => q.GetProperty("queue").GetString() == name && q.GetProperty("messages").GetArrayLength() == expectedCount) || attempt == 100)
            {
                return queues;
            }

            await Task.Delay(200, Cancel);
        }
    }
}
