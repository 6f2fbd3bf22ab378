using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Reception.Tests.Consumers;

public sealed class DunningEscalatedToVisitConsumerTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<ButlerVisit>> VisitsAsync(Guid unitId) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().ButlerVisits.AsNoTracking().Where(v => v.UnitId == unitId).ToListAsync(Ct));

    private Task<int> InboxCountAsync(Guid eventId) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().InboxMessages.CountAsync(m => m.MessageId == eventId, Ct));

    [Fact]
    public async Task A_dunning_escalation_sets_one_visit_task_for_the_unit_even_when_delivered_twice()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var ownerId = Guid.NewGuid();
        var escalated = new DunningEscalatedToVisit(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), units[0], ownerId, 2345.67m, "CNY", 2);

        await reception.Bus.Publish(escalated, Ct);
        await reception.Bus.Publish(escalated, Ct);

        await Eventually.Async(async () => (await VisitsAsync(units[0])).Count == 1, TimeSpan.FromSeconds(30));
        await Eventually.Async(async () => await InboxCountAsync(escalated.EventId) == 1, TimeSpan.FromSeconds(30));
        await Task.Delay(500, Ct);
        var task = (await VisitsAsync(units[0])).Should().ContainSingle().Subject;
        task.Kind.Should().Be(ButlerVisitKind.DunningFollowUp);
        task.Status.Should().Be(ButlerVisitStatus.ToArrange);
        task.AppointmentAt.Should().BeNull();
        task.OwnerId.Should().Be(ownerId);
        task.ArrearsAmount.Should().Be(2345.67m);
        task.Currency.Should().Be("CNY");
        task.DunningStep.Should().Be(2);
    }

    [Fact]
    public async Task A_later_escalation_while_the_task_is_open_updates_it_instead_of_adding_another()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var ownerId = Guid.NewGuid();
        var first = new DunningEscalatedToVisit(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), units[0], ownerId, 1000m, "CNY", 2);
        var later = first with { EventId = Guid.NewGuid(), ArrearsAmount = 1500.50m, DunningStep = 3 };

        await reception.Bus.Publish(first, Ct);
        await Eventually.Async(async () => (await VisitsAsync(units[0])).Count == 1, TimeSpan.FromSeconds(30));
        await reception.Bus.Publish(later, Ct);

        await Eventually.Async(async () => await InboxCountAsync(later.EventId) == 1, TimeSpan.FromSeconds(30));
        var task = (await VisitsAsync(units[0])).Should().ContainSingle().Subject;
        task.ArrearsAmount.Should().Be(1500.50m);
        task.DunningStep.Should().Be(3);
    }
}
