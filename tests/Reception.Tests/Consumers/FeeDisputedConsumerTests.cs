using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Reception.Tests.Consumers;

public sealed class FeeDisputedConsumerTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fee_dispute_from_billing_becomes_one_complaint_in_the_owners_name_however_often_it_arrives()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var ownerId = await reception.AddOwnerAsync(estateId, units[0]);
        var disputed = new FeeDisputed(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), Guid.NewGuid(), units[0], ownerId, [Guid.NewGuid()], [Guid.NewGuid()],
            1260.5m, "CNY", "The water bill counts August twice", "cashier.north");

        await reception.Bus.Publish(disputed, Ct);
        await reception.Bus.Publish(disputed, Ct);

        async Task<(List<CustomerRequest> Requests, List<Complaint> Complaints)> ReadAsync() => await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var requests = await db.Requests.AsNoTracking().Where(r => r.EstateId == estateId).ToListAsync(Ct);
            var ids = requests.Select(r => r.Id).ToList();
            return (requests, await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.RequestId)).ToListAsync(Ct));
        });
        await Eventually.Async(async () => (await ReadAsync()).Complaints.Count == 1, TimeSpan.FromSeconds(30));
        await Eventually.Async(async () => await reception.InScopeAsync(sp =>
            sp.GetRequiredService<ReceptionDbContext>().InboxMessages.CountAsync(m => m.MessageId == disputed.EventId, Ct)) == 1, TimeSpan.FromSeconds(10));
        await Task.Delay(500, Ct);

        var (requests, complaints) = await ReadAsync();
        var request = requests.Should().ContainSingle().Subject;
        request.Category.Should().Be(RequestCategory.Complaint);
        request.UnitId.Should().Be(units[0]);
        request.Description.Should().Contain("1260.50 CNY").And.Contain("counts August twice");
        request.CorrelationId.Should().Be(disputed.CorrelationId);
        complaints.Should().ContainSingle();
    }
}
