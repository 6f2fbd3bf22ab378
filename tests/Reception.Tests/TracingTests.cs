using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MassTransit.Logging;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests;

public sealed class TracingTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repair_request_and_the_RepairRequested_it_sends_to_the_broker_are_one_trace()
    {
        var (estateId, unitIds) = await reception.NewEstateAsync();
        // The gateway's span, as it arrives in the traceparent header.
        var gateway = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var ended = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OutboxTelemetry.ActivitySourceName or DiagnosticHeaders.DefaultListenerName,
            // Only watches: the spans exist because the service's own tracing samples them.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == gateway.TraceId)
                {
                    ended.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reception/requests")
        {
            Content = JsonContent.Create(new
            {
                estateId, unitId = unitIds[0], channel = "app", category = "repair", urgency = "urgent",
                description = "Water leaking from the ceiling", requesterName = "Zhang Min",
            }),
        };
        request.Headers.Add("traceparent", $"00-{gateway.TraceId}-{gateway.SpanId}-01");
        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).SendAsync(request, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);

        Activity? publish = null;
        Activity? send = null;
        await Eventually.Async(() =>
        {
            publish = ended.FirstOrDefault(a => a.OperationName == "publish RepairRequested");
            send = ended.FirstOrDefault(a => a.Source.Name == DiagnosticHeaders.DefaultListenerName && a.Kind == ActivityKind.Producer);
            return publish is not null && send is not null;
        }, TimeSpan.FromSeconds(30), "the outbox should publish RepairRequested in the request's trace");

        publish!.Kind.Should().Be(ActivityKind.Producer);
        publish.Recorded.Should().BeTrue("the service traces the outbox's source");
        send!.ParentSpanId.Should().Be(publish.SpanId, "MassTransit's send span is a child of the outbox publish");
    }
}
