using System.Text;
using RabbitMQ.Client;

namespace PropertyPlatform.AppHost.Tests;

[Collection(SharedInfrastructure.Name)]
public sealed class RabbitMQTests(InfrastructureFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connection_string_opens_an_amqp_connection()
    {
        fixture.App.GetConnectionString("messaging").Should().MatchRegex("^amqp://platform:[^@]+@127.0.0.1:[0-9]+/$");
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: Cancel);

        await channel.BasicPublishAsync("", queue.QueueName, Encoding.UTF8.GetBytes("hello"), Cancel);

        var message = await GetAsync(channel, queue.QueueName);
        Encoding.UTF8.GetString(message.Body.Span).Should().Be("hello");
    }

    [Fact]
    public async Task Stop_and_start_keep_durable_messages()
    {
        await using (var connection = await ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync(cancellationToken: Cancel))
        {
            await channel.QueueDeclareAsync("kept", durable: true, exclusive: false, autoDelete: false, cancellationToken: Cancel);
            await channel.BasicPublishAsync("", "kept", mandatory: false, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("survives"), Cancel);
        }

        await fixture.App.StopResourceAsync("messaging");
        fixture.App.GetResource("messaging").State.Should().Be(Hosting.ResourceState.Stopped);
        await fixture.App.StartResourceAsync("messaging", Cancel);

        await using var reconnected = await ConnectAsync();
        await using var again = await reconnected.CreateChannelAsync(cancellationToken: Cancel);
        var message = await GetAsync(again, "kept");
        Encoding.UTF8.GetString(message.Body.Span).Should().Be("survives");
    }

    [Fact]
    public async Task Killed_broker_is_started_again_and_serves()
    {
        await fixture.App.KillResourceAsync("messaging");
        fixture.App.GetResource("messaging").State.Should().Be(Hosting.ResourceState.Exited);
        await fixture.App.StartResourceAsync("messaging", Cancel);

        fixture.App.GetResource("messaging").IsHealthy.Should().BeTrue();
        await using var reconnected = await ConnectAsync();
        await using var channel = await reconnected.CreateChannelAsync(cancellationToken: Cancel);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: Cancel);
        await channel.BasicPublishAsync("", queue.QueueName, Encoding.UTF8.GetBytes("after the crash"), Cancel);
        Encoding.UTF8.GetString((await GetAsync(channel, queue.QueueName)).Body.Span).Should().Be("after the crash");
    }

    private Task<IConnection> ConnectAsync() =>
        new ConnectionFactory { Uri = new Uri(fixture.App.GetConnectionString("messaging")) }.CreateConnectionAsync(Cancel);

    private static async Task<BasicGetResult> GetAsync(IChannel channel, string queue)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true, Cancel) is { } result)
            {
                return result;
            }

            await Task.Delay(100, Cancel);
        }

        throw new InvalidOperationException($"No message arrived in {queue}.");
    }
}
