using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Consumers;

public sealed class WorkOrderCreatedConsumerTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_work_order_created_for_a_request_marks_it_routed_even_when_delivered_twice()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var client = reception.CreateClient(TestCaller.Clerk(estateId));
        var response = await client.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId,
            unitId = units[0],
            channel = "phone",
            category = "repair",
            description = "No hot water",
            requesterName = "Chen",
        }, Ct);
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        var workOrderId = Guid.NewGuid();
        var created = new WorkOrderCreated(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), workOrderId, request.Id, "Normal");

        await reception.Bus.Publish(created, Ct);
        await reception.Bus.Publish(created, Ct);

        await Eventually.Async(async () => (await LoadAsync(request.Id)).Status == RequestStatus.Routed, TimeSpan.FromSeconds(30));
        var routed = await LoadAsync(request.Id);
        routed.WorkOrderId.Should().Be(workOrderId);
        await Eventually.Async(async () => await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>()
            .InboxMessages.CountAsync(m => m.MessageId == created.EventId, Ct)) == 1, TimeSpan.FromSeconds(10));
    }

    private Task<CustomerRequest> LoadAsync(Guid id) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Id == id, Ct));
}
