using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Consumers;

/// <summary>
/// Maintenance publishes a work order's lifecycle in order, but each event has its own queue, and a redelivered or
/// retried one arrives late: reception must end where the in-order sequence ends, whatever order they come in.
/// </summary>
public sealed class WorkOrderLifecycleOrderTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Created = nameof(WorkOrderCreated);
    private const string Started = nameof(WorkOrderStarted);
    private const string Completed = nameof(WorkOrderCompleted);
    private const string Closed = nameof(WorkOrderClosed);

    private static readonly string[] Lifecycle = [Created, Started, Completed, Closed];

    /// <summary>Every order of every stage the lifecycle reaches: 1 + 2 + 6 + 24 sequences.</summary>
    public static TheoryData<string> Orders()
    {
        var data = new TheoryData<string>();
        for (var stage = 1; stage <= Lifecycle.Length; stage++)
        {
            foreach (var order in Permutations(Lifecycle[..stage]))
            {
                data.Add(string.Join(",", order));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Work_order_events_in_any_order_leave_the_request_routed_in_time_with_its_work_order(string order)
    {
        var events = order.Split(',');
        var (estateId, units) = await reception.NewEstateAsync();
        var client = reception.CreateClient(TestCaller.Clerk(estateId));
        var response = await client.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId,
            unitId = units[0],
            channel = "phone",
            category = "repair",
            description = "The boiler is leaking",
            requesterName = "Chen",
        }, Ct);
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        var workOrderId = Guid.NewGuid();
        var technicianId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();
        // Whole seconds: PostgreSQL keeps microseconds, the comparisons below are exact.
        var at = DateTimeOffset.FromUnixTimeSeconds(request.ReceivedAt.ToUnixTimeSeconds());
        var messages = new Dictionary<string, IIntegrationEvent>
        {
            [Created] = new WorkOrderCreated(Guid.NewGuid(), at.AddMinutes(1), estateId, correlationId, workOrderId, request.Id, "Normal"),
            [Started] = new WorkOrderStarted(Guid.NewGuid(), at.AddMinutes(20), estateId, correlationId, workOrderId, request.Id, technicianId, "Wang"),
            [Completed] = new WorkOrderCompleted(Guid.NewGuid(), at.AddMinutes(50), estateId, correlationId, workOrderId, request.Id,
                units[0], technicianId, "Wang", "plumbing", Chargeable: false, Charge: null, Currency: null),
            [Closed] = new WorkOrderClosed(Guid.NewGuid(), at.AddMinutes(90), estateId, correlationId, workOrderId, request.Id),
        };

        // One at a time, each consumed before the next is sent: the order under test is the order of handling.
        foreach (var name in events)
        {
            var message = messages[name];
            await reception.Bus.Publish(message, message.GetType(), Ct);
            await Eventually.Async(async () => await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>()
                .InboxMessages.AnyAsync(m => m.MessageId == message.EventId, Ct)), TimeSpan.FromSeconds(30), $"{name} consumed");
        }

        var reached = Lifecycle[events.Length - 1];
        var (saved, callbacks) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var loaded = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == request.Id, Ct);
            return (loaded, await db.Callbacks.CountAsync(c => c.RequestId == request.Id, Ct));
        });
        saved.WorkOrderId.Should().Be(workOrderId);
        saved.Routing.CompletedAt.Should().Be(messages[Created].OccurredAt, "the request was routed when the work order was opened");
        saved.RoutingBreached(at.AddHours(2)).Should().BeFalse();
        saved.Status.Should().Be(reached switch
        {
            Created => RequestStatus.Routed,
            Started => RequestStatus.InProgress,
            Completed => RequestStatus.Completed,
            _ => RequestStatus.Closed,
        });
        var done = reached is Completed or Closed;
        saved.CompletedAt.Should().Be(done ? messages[Completed].OccurredAt : null);
        saved.TechnicianName.Should().Be(done ? "Wang" : null);
        saved.ClosedAt.Should().Be(reached == Closed ? messages[Closed].OccurredAt : null);
        callbacks.Should().Be(done ? 1 : 0, "every completed repair gets one callback");
    }

    private static IEnumerable<string[]> Permutations(string[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany((first, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (string[])[first, .. rest]));
}
