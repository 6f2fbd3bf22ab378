using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// MassTransit's error queues (<c>&lt;queue&gt;_error</c>) on the broker: list them, and move their messages back to
/// the queue they failed in. Looking uses basic.get without acks, so closing the channel puts every message back
/// untouched; a replay publishes with publisher confirms before it acks, so a message is never lost.
/// </summary>
public sealed class DeadLetters(string connectionString, Uri managementUrl, string password)
{
    public const string ErrorSuffix = "_error";
    private const int ShownMessages = 20;
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
            var messages = new List<DeadLetter>();
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

    /// <summary>Moves every message of every error queue (or only the one with <paramref name="messageId"/>) back where it failed.</summary>
    public async Task<IReadOnlyList<Replayed>> ReplayAsync(string? messageId, CancellationToken cancellationToken)
    {
        var replayed = new List<Replayed>();
        await using var connection = await ConnectAsync(cancellationToken);
        foreach (var errorQueue in await ListErrorQueuesAsync(cancellationToken))
        {
            var count = await ReplayQueueAsync(connection, errorQueue, messageId, cancellationToken);
            if (count > 0)
            {
                replayed.Add(new Replayed(OriginalQueue(errorQueue), count));
                if (messageId is not null)
                {
                    break;
                }
            }
        }

        return replayed;
    }

    private static async Task<int> ReplayQueueAsync(IConnection connection, string errorQueue, string? messageId, CancellationToken cancellationToken)
    {
        var target = OriginalQueue(errorQueue);
        await EnsureQueueExistsAsync(connection, target, cancellationToken);
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
        return replayed;
    }

    private static string OriginalQueue(string errorQueue) => errorQueue[..^ErrorSuffix.Length];

    private async Task<IReadOnlyList<string>> ListErrorQueuesAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(managementUrl, "/api/queues?columns=name,vhost"));
        request.Headers.Authorization = RabbitMQServerResource.ManagementAuthorization(password);
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
        new ConnectionFactory { Uri = new Uri(connectionString), ClientProvidedName = "apphost-dead-letters" }
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

    private static DeadLetter Describe(BasicGetResult message)
    {
        var headers = (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
            .ToDictionary(h => h.Key, h => HeaderText(h.Value));
        string? envelopeId = null;
        string? envelopeType = null;
        try
        {
            // MassTransit's JSON envelope: { "messageId": "...", "messageType": ["urn:message:Ns:Type"], "message": {...} }
            using var json = JsonDocument.Parse(message.Body);
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
            // Not JSON: no envelope to read.
        }

        return new DeadLetter(
            message.BasicProperties.MessageId ?? envelopeId,
            headers.GetValueOrDefault("MT-MessageType") ?? headers.GetValueOrDefault("MT-Fault-MessageType") ?? envelopeType ?? message.BasicProperties.Type,
            headers.GetValueOrDefault("MT-Fault-ExceptionType"),
            headers.GetValueOrDefault("MT-Fault-Message"));
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

/// <summary>An error queue, how many messages it holds, and the first few of them.</summary>
public sealed record ErrorQueueContents(string Name, string OriginalQueue, uint MessageCount, IReadOnlyList<DeadLetter> Messages);

/// <summary>
/// What an operator needs to decide on a replay: which message, its type, and why it failed. The body is not shown:
/// it may hold owners' personal data.
/// </summary>
public sealed record DeadLetter(string? MessageId, string? MessageType, string? ExceptionType, string? Reason);

public sealed record Replayed(string Queue, int Count);
