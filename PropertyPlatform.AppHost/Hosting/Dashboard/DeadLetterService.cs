using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Lists MassTransit's error queues and moves their messages back to the queue they failed in. Queue names come from
/// the management API; messages are read with basic.get and never acked while looking, so closing the channel puts
/// them back untouched. A replay publishes with publisher confirms before it acks, so a message is never lost.
/// </summary>
internal sealed class DeadLetterService(RabbitMQServerResource broker)
{
    public const string ErrorSuffix = "_error";
    private const int ShownMessages = 50;
    private const int MaxReplay = 100_000;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<IReadOnlyList<ErrorQueueContents>> ListAsync(CancellationToken cancellationToken)
    {
        var queues = await ListErrorQueuesAsync(cancellationToken);
        await using var connection = await ConnectAsync(cancellationToken);
        var result = new List<ErrorQueueContents>();
        foreach (var queue in queues)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            var messages = new List<DeadLetterMessage>();
            while (messages.Count < ShownMessages && await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } message)
            {
                messages.Add(Describe(message));
            }

            // Closing the channel without acks returns every message we looked at to the queue.
            await channel.CloseAsync(cancellationToken);
            result.Add(new ErrorQueueContents(queue, OriginalQueue(queue), declared.MessageCount, messages));
        }

        return result;
    }

    /// <summary>Moves all messages (or the one with <paramref name="messageId"/>) back to the original queue.</summary>
    public async Task<ReplayResult> ReplayAsync(string errorQueue, string? messageId, CancellationToken cancellationToken)
    {
        if (!errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{errorQueue}' is not an error queue (name ending in {ErrorSuffix}).", nameof(errorQueue));
        }

        var target = OriginalQueue(errorQueue);
        await using var connection = await ConnectAsync(cancellationToken);
        await EnsureQueueExistsAsync(connection, target, cancellationToken);
        await EnsureQueueExistsAsync(connection, errorQueue, cancellationToken);

        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options, cancellationToken);
        var replayed = 0;
        for (var seen = 0; seen < MaxReplay && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message; seen++)
        {
            if (messageId is not null && Describe(message).MessageId != messageId)
            {
                continue;
            }

            // Awaits the broker's confirm: only then is the copy safe and the original acked.
            await channel.BasicPublishAsync("", target, mandatory: true, WithoutFaultHeaders(message.BasicProperties), message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            replayed++;
            if (messageId is not null)
            {
                break;
            }
        }

        // Messages we skipped are still unacked: closing the channel requeues them.
        await channel.CloseAsync(cancellationToken);
        return new ReplayResult(target, replayed);
    }

    private static string OriginalQueue(string errorQueue) => errorQueue[..^ErrorSuffix.Length];

    private async Task<IReadOnlyList<string>> ListErrorQueuesAsync(CancellationToken cancellationToken)
    {
        var management = broker.ManagementUrl ?? throw new InvalidOperationException("Dead letters need the private broker's management API.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(management, "/api/queues?columns=name,vhost"));
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RabbitMQServerResource.UserName}:{broker.Password}")));
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var queues = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return [.. queues.EnumerateArray()
            .Where(q => q.GetProperty("vhost").GetString() == "/")
            .Select(q => q.GetProperty("name").GetString()!)
            .Where(name => name.EndsWith(ErrorSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = new Uri(broker.GetConnectionString()), ClientProvidedName = "apphost-dead-letters" }
            .CreateConnectionAsync(cancellationToken);

    /// <summary>Publishing to a queue that does not exist would drop the message silently: check first.</summary>
    private static async Task EnsureQueueExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A failed passive declare closes its channel, so it gets one of its own.
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
        }
        catch (OperationInterruptedException exception)
        {
            throw new KeyNotFoundException($"Queue '{queue}' does not exist.", exception);
        }
    }

    private static BasicProperties WithoutFaultHeaders(IReadOnlyBasicProperties original)
    {
        var properties = new BasicProperties(original);
        if (original.Headers is { } headers)
        {
            properties.Headers = headers
                .Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                .ToDictionary(h => h.Key, h => h.Value);
        }

        return properties;
    }

    private static DeadLetterMessage Describe(BasicGetResult message)
    {
        var headers = (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
            .ToDictionary(h => h.Key, h => HeaderText(h.Value));
        var body = Encoding.UTF8.GetString(message.Body.Span);
        string? envelopeId = null;
        string? envelopeType = null;
        try
        {
            // MassTransit's JSON envelope: { "messageId": "...", "messageType": ["urn:message:Ns:Type"], "message": {...} }
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                envelopeId = json.RootElement.TryGetProperty("messageId", out var id) ? id.GetString() : null;
                if (json.RootElement.TryGetProperty("messageType", out var types))
                {
                    envelopeType = types.ValueKind == JsonValueKind.Array ? types.EnumerateArray().FirstOrDefault().GetString() : types.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: shown as text.
        }

        return new DeadLetterMessage(
            message.BasicProperties.MessageId ?? envelopeId,
            headers.GetValueOrDefault("MT-MessageType") ?? headers.GetValueOrDefault("MT-Fault-MessageType") ?? envelopeType ?? message.BasicProperties.Type,
            headers.GetValueOrDefault("MT-Fault-Message"),
            headers.GetValueOrDefault("MT-Fault-ExceptionType"),
            body,
            headers);
    }

    /// <summary>AMQP string headers arrive as bytes; lists (MassTransit's message types) as lists.</summary>
    private static string HeaderText(object? value) => value switch
    {
        null => "",
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IEnumerable<object> list => string.Join(", ", list.Select(HeaderText)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
