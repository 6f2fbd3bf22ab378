namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A message MassTransit moved to an error queue, with what went wrong.</summary>
public sealed record DeadLetterMessage(
    string? MessageId,
    string? MessageType,
    string? FaultMessage,
    string? FaultExceptionType,
    string Body,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>An error queue (<c>&lt;queue&gt;_error</c>) and the first of its messages.</summary>
public sealed record ErrorQueueContents(string Queue, string OriginalQueue, uint MessageCount, IReadOnlyList<DeadLetterMessage> Messages);

/// <summary>What a replay did: how many messages went back to which queue.</summary>
public sealed record ReplayResult(string Queue, int Replayed);
