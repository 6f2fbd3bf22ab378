using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.ServiceDefaults.Tests.Messaging;

/// <summary>One request, one trace: the outbox carries the trace context from the writer to the publish.</summary>
public sealed class OutboxTracingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly ActivitySource Requests = new("PropertyPlatform.ServiceDefaults.Tests.Requests");

    private readonly ActivityListener _listener = Listen(Requests.Name, OutboxTelemetry.ActivitySourceName);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_written_under_a_request_is_stored_with_its_trace_context_and_published_in_that_trace()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        NoteAdded added;
        ActivityContext request;
        using (var activity = Requests.StartActivity("POST /notes", ActivityKind.Server)!)
        {
            activity.TraceStateString = "platform=reception";
            request = activity.Context;
            added = await harness.AddNoteAsync(1);
        }

        var stored = await harness.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.EventId == added.EventId, Ct));
        stored.TraceParent.Should().Be($"00-{request.TraceId}-{request.SpanId}-01");
        stored.TraceState.Should().Be("platform=reception");

        Activity.Current.Should().BeNull("the dispatcher runs outside the request, as the background service does");
        await harness.Dispatcher.DispatchPendingAsync(Ct);

        var publish = harness.Publisher.ActivityAtPublish(added.EventId);
        publish.Should().NotBeNull();
        publish!.Source.Name.Should().Be(OutboxTelemetry.ActivitySourceName);
        publish.Kind.Should().Be(ActivityKind.Producer);
        publish.TraceId.Should().Be(request.TraceId);
        publish.ParentSpanId.Should().Be(request.SpanId);
        publish.TraceStateString.Should().Be("platform=reception");
        publish.GetTagItem("messaging.message.id").Should().Be(added.EventId.ToString());
    }

    [Fact]
    public async Task Events_of_different_requests_published_in_one_batch_each_stay_in_their_own_trace()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var written = new List<(NoteAdded Event, ActivityTraceId Trace)>();
        for (var number = 1; number <= 3; number++)
        {
            using var request = Requests.StartActivity($"POST /notes {number}", ActivityKind.Server)!;
            written.Add((await harness.AddNoteAsync(number), request.TraceId));
        }

        (await harness.Dispatcher.DispatchPendingAsync(Ct)).Published.Should().Be(3);

        foreach (var (added, trace) in written)
        {
            harness.Publisher.ActivityAtPublish(added.EventId)!.TraceId.Should().Be(trace);
        }
    }

    [Fact]
    public async Task An_event_written_outside_any_trace_is_published_under_a_trace_of_its_own()
    {
        await using var harness = await OutboxHarness.CreateAsync(postgres);
        var added = await harness.AddNoteAsync(1);

        var stored = await harness.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.EventId == added.EventId, Ct));
        await harness.Dispatcher.DispatchPendingAsync(Ct);

        stored.TraceParent.Should().BeNull();
        var publish = harness.Publisher.ActivityAtPublish(added.EventId);
        publish.Should().NotBeNull();
        publish!.ParentSpanId.Should().Be(default(ActivitySpanId));
    }

    public void Dispose() => _listener.Dispose();

    private static ActivityListener Listen(params string[] sources)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
