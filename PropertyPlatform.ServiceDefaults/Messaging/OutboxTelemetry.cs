using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Keeps one request one distributed trace across the outbox: the trace context of the activity that wrote an event
/// is stored with it, and the dispatcher publishes the event under a producer span that continues that trace, so
/// MassTransit's send span and the consumer's spans in the other service follow on from the original request.
/// </summary>
public static class OutboxTelemetry
{
    public const string ActivitySourceName = "PropertyPlatform.Outbox";

    /// <summary>The outbox's meter, named like its activity source.</summary>
    public const string MeterName = ActivitySourceName;

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Parked = Meter.CreateCounter<long>(
        "outbox.events.parked", unit: "{event}", description: "Outbox events set aside because they could not be published.");

    /// <summary>Counts one parked event, tagged with its short type name (a handful of values per service).</summary>
    internal static void CountParked(OutboxMessage message) =>
        Parked.Add(1, new KeyValuePair<string, object?>("event.type", ShortName(message.EventType)));

    /// <summary>The W3C <c>traceparent</c> and <c>tracestate</c> of <paramref name="activity"/>, if it has them.</summary>
    internal static (string? TraceParent, string? TraceState) Capture(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? (activity.Id, activity.TraceStateString) : (null, null);

    /// <summary>
    /// Starts the span around publishing <paramref name="message"/>: a child of the span that wrote it, or, for an event
    /// written outside any trace, the start of one of its own. <see langword="null"/> when nobody listens.
    /// </summary>
    internal static Activity? StartPublish(OutboxMessage message)
    {
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var writtenUnder);
        var activity = Source.StartActivity($"publish {ShortName(message.EventType)}", ActivityKind.Producer, writtenUnder);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.operation.type", "publish");
            activity.SetTag("messaging.message.id", message.EventId.ToString());
            activity.SetTag("correlation.id", message.CorrelationId.ToString());
            activity.SetTag("outbox.attempts", message.Attempts);
        }

        return activity;
    }

    /// <summary><c>RepairRequested</c> from <c>PropertyPlatform.Contracts.Reception.RepairRequested, PropertyPlatform.Contracts</c>.</summary>
    private static string ShortName(string eventType)
    {
        var typeName = eventType.Split(',', 2)[0];
        return typeName[(typeName.LastIndexOf('.') + 1)..];
    }
}
