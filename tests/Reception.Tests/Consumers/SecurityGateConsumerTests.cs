using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Reception.Tests.Consumers;

public sealed class SecurityGateConsumerTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<CustomerRequest>> RequestsAsync(Guid estateId) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().Requests.AsNoTracking().Where(r => r.EstateId == estateId).ToListAsync(Ct));

    private Task<int> InboxCountAsync(Guid eventId) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().InboxMessages.CountAsync(m => m.MessageId == eventId, Ct));

    [Fact]
    public async Task A_patrol_finding_needing_a_repair_becomes_one_patrol_repair_request_sent_on_to_maintenance()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var finding = new PatrolFindingReported(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), Guid.NewGuid(), "Building 1, car park level -1", null,
            "Ceiling light broken", NeedsReception: true, NeedsRepair: true);

        await reception.Bus.Publish(finding, Ct);
        await reception.Bus.Publish(finding, Ct);

        await Eventually.Async(async () => (await RequestsAsync(estateId)).Count == 1, TimeSpan.FromSeconds(30));
        await Eventually.Async(async () => await InboxCountAsync(finding.EventId) == 1, TimeSpan.FromSeconds(30));
        await Task.Delay(500, Ct);
        var request = (await RequestsAsync(estateId)).Should().ContainSingle().Subject;
        request.Channel.Should().Be(RequestChannel.Patrol);
        request.Category.Should().Be(RequestCategory.Repair);
        request.Description.Should().Contain("car park level -1").And.Contain("Ceiling light broken");
        request.CorrelationId.Should().Be(finding.CorrelationId);
        var outbox = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().OutboxMessages.AsNoTracking().ToListAsync(Ct));
        outbox.Where(m => m.Payload.Contains(request.Id.ToString(), StringComparison.Ordinal)).Should().ContainSingle()
            .Which.EventType.Should().StartWith("PropertyPlatform.Contracts.Reception.RepairRequested");
    }

    [Fact]
    public async Task A_patrol_finding_for_a_unit_without_a_repair_is_an_ordinary_request_and_one_not_for_reception_is_only_noted()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var forReception = new PatrolFindingReported(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), Guid.NewGuid(), "1-101 front door", units[0],
            "Bicycles blocking the corridor", NeedsReception: true, NeedsRepair: false);
        var notForReception = forReception with { EventId = Guid.NewGuid(), Description = "Gate log only", NeedsReception = false };

        await reception.Bus.Publish(notForReception, Ct);
        await reception.Bus.Publish(forReception, Ct);

        await Eventually.Async(async () => await InboxCountAsync(notForReception.EventId) == 1 && await InboxCountAsync(forReception.EventId) == 1, TimeSpan.FromSeconds(30));
        var request = (await RequestsAsync(estateId)).Should().ContainSingle().Subject;
        request.UnitId.Should().Be(units[0]);
        request.Category.Should().Be(RequestCategory.Other);
        request.Channel.Should().Be(RequestChannel.Patrol);
    }

    [Fact]
    public async Task An_incident_needing_reception_becomes_a_request_as_urgent_as_it_is_severe()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var critical = new IncidentReported(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), Guid.NewGuid(), "FacilityDamage", "Critical", "Building 1 lift lobby",
            units[0], "Water pouring from the ceiling", NeedsReception: true);
        var minor = critical with { EventId = Guid.NewGuid(), IncidentId = Guid.NewGuid(), Severity = "Low", NeedsReception = false };

        await reception.Bus.Publish(critical, Ct);
        await reception.Bus.Publish(critical, Ct);
        await reception.Bus.Publish(minor, Ct);

        await Eventually.Async(async () => await InboxCountAsync(critical.EventId) == 1 && await InboxCountAsync(minor.EventId) == 1, TimeSpan.FromSeconds(30));
        await Task.Delay(500, Ct);
        var request = (await RequestsAsync(estateId)).Should().ContainSingle().Subject;
        request.Urgency.Should().Be(Urgency.Emergency);
        request.Channel.Should().Be(RequestChannel.Patrol);
        request.Description.Should().Contain("FacilityDamage").And.Contain("Water pouring from the ceiling");
    }

    [Fact]
    public async Task A_safety_hazard_or_facility_damage_from_the_gate_is_a_repair_sent_on_to_maintenance_and_a_disturbance_is_not()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var hazard = new IncidentReported(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), Guid.NewGuid(), "SafetyHazard", "Medium", "Path to building 3",
            null, "Paving stone loose", NeedsReception: true);
        var disturbance = hazard with { EventId = Guid.NewGuid(), IncidentId = Guid.NewGuid(), Kind = "Disturbance", Description = "Loud party" };

        await reception.Bus.Publish(hazard, Ct);
        await reception.Bus.Publish(disturbance, Ct);

        await Eventually.Async(async () => (await RequestsAsync(estateId)).Count == 2, TimeSpan.FromSeconds(30));
        var requests = await RequestsAsync(estateId);
        requests.Single(r => r.Description.Contains("Paving stone", StringComparison.Ordinal)).Category.Should().Be(RequestCategory.Repair);
        requests.Single(r => r.Description.Contains("Loud party", StringComparison.Ordinal)).Category.Should().Be(RequestCategory.Other);
        var repairs = await reception.OutboxAsync<PropertyPlatform.Contracts.Reception.RepairRequested>();
        repairs.Should().ContainSingle(e => e.EstateId == estateId, "only the hazard goes on to maintenance as a work order");
    }
}
