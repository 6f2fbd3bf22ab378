using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Emergencies;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Emergencies;

public sealed class EmergencyTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_emergency_alerts_the_supervisor_on_duty_and_tells_maintenance_at_once()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var supervisorCaller = TestCaller.Staff("cs-supervisor", estateId);
        var supervisor = reception.CreateClient(supervisorCaller);
        (await supervisor.PostAsJsonAsync("/api/reception/duty", new { estateId, endsAt = DateTimeOffset.UtcNow.AddHours(12) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));

        var response = await owner.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId = units[0], channel = "app", category = "repair", emergencyKind = "burstPipe",
            description = "Water pouring from the ceiling", requesterName = "Li",
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        request.Urgency.Should().Be(Urgency.Emergency);
        var open = await supervisor.GetFromJsonAsync<Page<EmergencyResponse>>($"/api/reception/emergencies?estateId={estateId}&open=true", ApiJson.Options, Ct);
        var alert = open!.Items.Should().ContainSingle(a => a.RequestId == request.Id).Which;
        alert.Should().Match<EmergencyResponse>(a => a.Kind == EmergencyKind.BurstPipe && a.OnDutySupervisor == supervisorCaller.Subject && a.AlertedRole == "cs-supervisor");
        alert.AcknowledgeBy.Should().BeCloseTo(alert.RaisedAt.AddMinutes(5), TimeSpan.FromMilliseconds(1));
        (await reception.OutboxAsync<EmergencyReported>()).Should().ContainSingle(e => e.RequestId == request.Id && e.Kind == "BurstPipe" && e.OnDutySupervisor == supervisorCaller.Subject);
        (await reception.OutboxAsync<RepairRequested>()).Should().ContainSingle(e => e.RequestId == request.Id && e.Urgency == "Emergency");

        var acknowledged = await supervisor.PostAsJsonAsync($"/api/reception/emergencies/{alert.Id}/acknowledge", new { actionTaken = "Water shut off at the riser" }, Ct);
        (await acknowledged.Content.ReadFromJsonAsync<EmergencyResponse>(ApiJson.Options, Ct))!.AcknowledgedAt.Should().NotBeNull();
        (await supervisor.PostAsJsonAsync($"/api/reception/emergencies/{alert.Id}/acknowledge", new { actionTaken = "again" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task With_nobody_on_duty_the_emergency_goes_to_the_estate_manager_and_an_unacknowledged_one_escalates()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var response = await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId = units[0], channel = "phone", category = "other", urgency = "emergency", emergencyKind = "injury",
            description = "Child fell in the playground", requesterName = "Guard Zhao",
        }, Ct);
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        var alert = (await clerk.GetFromJsonAsync<Page<EmergencyResponse>>($"/api/reception/emergencies?estateId={estateId}", ApiJson.Options, Ct))!
            .Items.Single(a => a.RequestId == request.Id);
        alert.OnDutySupervisor.Should().BeNull();
        alert.AlertedRole.Should().Be("estate-manager");

        // Ten minutes on, still unacknowledged.
        await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            await db.Database.ExecuteSqlAsync(
                $"UPDATE emergency_alerts SET acknowledged_due_at = acknowledged_due_at - interval '10 minutes', acknowledged_next_check_at = now() - interval '1 minute' WHERE id = {alert.Id}", Ct);
            return 0;
        });
        await reception.Services.GetRequiredService<SlaMonitor<ReceptionDbContext>>().CheckAsync(Ct);

        var breaches = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().SlaEvents.AsNoTracking()
            .Where(e => e.SubjectId == alert.Id).ToListAsync(Ct));
        breaches.Should().ContainSingle(e => e.Kind == SlaEventKind.Breached && e.NotifiedRole == "estate-manager" && e.Policy == "emergency-acknowledgement");
    }

    [Fact]
    public async Task An_emergency_needs_its_kind_and_a_kind_needs_emergency_urgency_and_nothing_is_stored_otherwise()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var noKind = await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId = units[0], channel = "phone", category = "repair", urgency = "emergency", description = "Lift stuck", requesterName = "Li",
        }, Ct);
        var wrongUrgency = await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId = units[0], channel = "phone", category = "repair", urgency = "normal", emergencyKind = "fire", description = "Smoke", requesterName = "Li",
        }, Ct);
        var unknownKind = await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId = units[0], channel = "phone", category = "repair", emergencyKind = "flood of cats", description = "Smoke", requesterName = "Li",
        }, Ct);

        (await noKind.Content.ReadAsStringAsync(Ct)).Should().Contain("\"emergencyKind\"");
        (await wrongUrgency.Content.ReadAsStringAsync(Ct)).Should().Contain("\"urgency\"");
        (await unknownKind.Content.ReadAsStringAsync(Ct)).Should().Contain("\"emergencyKind\"");
        new[] { noKind, wrongUrgency, unknownKind }.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Requests.CountAsync(r => r.EstateId == estateId, Ct));
        stored.Should().Be(0);
    }

    [Fact]
    public async Task Only_supervisors_take_duty_for_their_own_estates_for_at_most_a_day()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var supervisor = reception.CreateClient(TestCaller.Staff("cs-supervisor", estateId));

        (await reception.CreateClient(TestCaller.Clerk(estateId)).PostAsJsonAsync("/api/reception/duty", new { estateId, endsAt = DateTimeOffset.UtcNow.AddHours(8) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisor.PostAsJsonAsync("/api/reception/duty", new { estateId = otherEstate, endsAt = DateTimeOffset.UtcNow.AddHours(8) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var tooLong = await supervisor.PostAsJsonAsync("/api/reception/duty", new { estateId, endsAt = DateTimeOffset.UtcNow.AddHours(30) }, Ct);
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync(Ct)).Should().Contain("\"endsAt\"");
        var roster = await supervisor.GetFromJsonAsync<Page<DutyShiftResponse>>($"/api/reception/duty?estateId={estateId}&current=true", ApiJson.Options, Ct);
        roster!.Items.Should().BeEmpty();
    }
}
