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
    public async Task An_emergency_alerts_the_supervisor_on_the_published_roster_and_tells_maintenance_at_once()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var supervisorId = await reception.SupervisorOnDutyAsync(estateId);
        var supervisorCaller = TestCaller.Staff("cs-supervisor", estateId) with { Subject = supervisorId.ToString() };
        var supervisor = reception.CreateClient(supervisorCaller);
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
        alert.Should().Match<EmergencyResponse>(a => a.Kind == EmergencyKind.BurstPipe && a.OnDutySupervisor == supervisorCaller.Subject
            && a.OnDutySupervisorName == "Chen Jing" && a.AlertedRole == "cs-supervisor");
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
        await reception.CheckDeadlinesAsync();

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

    /// <summary>Raises an emergency in the estate now; returns the alert reception recorded.</summary>
    private async Task<EmergencyResponse> RaiseEmergencyAsync(Guid estateId, Guid unitId)
    {
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var response = await clerk.PostAsJsonAsync("/api/reception/requests", new
        {
            estateId, unitId, channel = "phone", category = "repair", urgency = "emergency", emergencyKind = "elevatorFailure",
            description = "Lift stuck between floors with a resident inside", requesterName = "Li",
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var request = (await response.Content.ReadFromJsonAsync<RequestResponse>(ApiJson.Options, Ct))!;
        return (await clerk.GetFromJsonAsync<Page<EmergencyResponse>>($"/api/reception/emergencies?estateId={estateId}", ApiJson.Options, Ct))!
            .Items.Single(a => a.RequestId == request.Id);
    }

    [Fact]
    public async Task A_republished_roster_replaces_the_earlier_one_and_the_new_supervisor_is_alerted()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var morning = await reception.HireAsync(estateId, name: "Morning supervisor");
        var replacement = await reception.HireAsync(estateId, name: "Replacement supervisor");
        await reception.PublishRosterAsync(estateId, HrTraining.OnDutyNow(morning.StaffId));
        await reception.PublishRosterAsync(estateId, HrTraining.OnDutyNow(replacement.StaffId));

        var alert = await RaiseEmergencyAsync(estateId, units[0]);

        alert.OnDutySupervisor.Should().Be(replacement.StaffId.ToString(), "the republished roster replaced the one with the morning supervisor");
        alert.OnDutySupervisorName.Should().Be("Replacement supervisor");
    }

    [Fact]
    public async Task With_no_supervisor_on_the_published_roster_now_the_estate_manager_is_alerted()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = await reception.HireAsync(estateId, position: "front-desk-clerk", name: "Clerk on duty");
        var supervisor = await reception.HireAsync(estateId, name: "Supervisor off duty");
        // The clerk is on duty but is no supervisor; the supervisor's shift ended an hour ago.
        await reception.PublishRosterAsync(estateId,
            HrTraining.OnDutyNow(clerk.StaffId),
            new(supervisor.StaffId, "night", DateTimeOffset.UtcNow.AddHours(-10), DateTimeOffset.UtcNow.AddHours(-1), null, null));

        var alert = await RaiseEmergencyAsync(estateId, units[0]);

        alert.OnDutySupervisor.Should().BeNull();
        alert.AlertedRole.Should().Be("estate-manager");
        (await reception.OutboxAsync<EmergencyReported>()).Should().ContainSingle(e => e.AlertId == alert.Id && e.OnDutySupervisor == null);
    }

    [Fact]
    public async Task A_supervisor_whose_employment_ended_is_off_duty_though_still_on_the_roster()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var leaver = await reception.HireAsync(estateId, name: "Leaver");
        var colleague = await reception.HireAsync(estateId, name: "Colleague");
        // The leaver came on duty last, so would be the one alerted.
        await reception.PublishRosterAsync(estateId, HrTraining.OnDutyNow(colleague.StaffId, startedHoursAgo: 3), HrTraining.OnDutyNow(leaver.StaffId));
        (await RaiseEmergencyAsync(estateId, units[0])).OnDutySupervisor.Should().Be(leaver.StaffId.ToString());

        await reception.EndEmploymentAsync(leaver, lastDay: HrTraining.EstateToday.AddDays(-1));

        (await RaiseEmergencyAsync(estateId, units[0])).OnDutySupervisor.Should().Be(colleague.StaffId.ToString());
    }

    [Fact]
    public async Task The_duty_view_shows_the_published_roster_read_only_paged_and_only_for_the_callers_estates()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var supervisor = await reception.HireAsync(estateId, name: "Supervisor");
        var clerk = await reception.HireAsync(estateId, position: "front-desk-clerk", name: "Clerk");
        await reception.PublishRosterAsync(estateId, HrTraining.OnDutyNow(supervisor.StaffId), HrTraining.OnDutyNow(clerk.StaffId, startedHoursAgo: 2));
        await reception.PublishRosterAsync(otherEstate, HrTraining.OnDutyNow(Guid.NewGuid()));
        var desk = reception.CreateClient(TestCaller.Staff("cs-supervisor", estateId));

        (await desk.PostAsJsonAsync("/api/reception/duty", new { estateId, endsAt = DateTimeOffset.UtcNow.AddHours(8) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed, "duty is rostered in hr-training, not taken at reception");
        var first = (await desk.GetFromJsonAsync<Page<DutyShiftResponse>>($"/api/reception/duty?estateId={estateId}&current=true&limit=1", ApiJson.Options, Ct))!;
        var second = (await desk.GetFromJsonAsync<Page<DutyShiftResponse>>(
            $"/api/reception/duty?estateId={estateId}&current=true&limit=1&cursor={Uri.EscapeDataString(first.NextCursor!)}", ApiJson.Options, Ct))!;
        var foreign = (await desk.GetFromJsonAsync<Page<DutyShiftResponse>>($"/api/reception/duty?estateId={otherEstate}", ApiJson.Options, Ct))!;

        first.Items.Should().ContainSingle().Which.Should().Match<DutyShiftResponse>(d =>
            d.StaffId == supervisor.StaffId && d.Name == "Supervisor" && d.EmergencySupervisor && d.Shift == "day");
        second.Items.Should().ContainSingle().Which.Should().Match<DutyShiftResponse>(d => d.StaffId == clerk.StaffId && !d.EmergencySupervisor);
        foreign.Items.Should().BeEmpty("another estate's roster is not the caller's");
    }
}
