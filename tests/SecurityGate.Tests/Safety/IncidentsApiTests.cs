using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.SecurityGate.Tests.Safety;

public sealed class IncidentsApiTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IncidentResponse> ReportAsync(Guid estate, object incident) =>
        await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/incidents", incident, Ct)).ReadAsync<IncidentResponse>(HttpStatusCode.Created);

    [Fact]
    public async Task An_incident_reaches_reception_with_its_severity_and_hazards_and_damage_need_reception()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();

        var hazard = await ReportAsync(estate, new { estateId = estate, kind = "SafetyHazard", severity = "High", location = "Car park ramp", unitId = unit, description = "Oil spill" });
        var noise = await ReportAsync(estate, new { estateId = estate, kind = "Disturbance", severity = "Low", location = "Block 2", description = "Loud party" });

        var hazardEvent = await gate.PublishedAsync<IncidentReported>(i => i.IncidentId == hazard.Id);
        var noiseEvent = await gate.PublishedAsync<IncidentReported>(i => i.IncidentId == noise.Id);
        hazardEvent.Severity.Should().Be("High");
        hazardEvent.Kind.Should().Be("SafetyHazard");
        hazardEvent.UnitId.Should().Be(unit);
        hazardEvent.NeedsReception.Should().BeTrue("a hazard needs fixing, which reception opens as a request");
        noiseEvent.NeedsReception.Should().BeFalse();
        hazard.Emergency.Should().BeFalse();
    }

    [Fact]
    public async Task An_emergency_alerts_the_security_supervisor_on_duty_and_nobody_else()
    {
        var estate = await gate.NewEstateAsync();
        var onDuty = await gate.HireAsync(estate, "Security supervisor");
        var offDuty = await gate.HireAsync(estate, "security-supervisor");
        var guard = await gate.HireAsync(estate, "Guard");
        var now = DateTimeOffset.UtcNow;
        await gate.PublishRosterAsync(new DutyRosterPublished(Guid.NewGuid(), now, estate, Guid.NewGuid(), DateOnly.FromDateTime(now.UtcDateTime),
        [
            new DutyAssignment(onDuty.StaffId, "day", now.AddHours(-2), now.AddHours(6), null, null),
            new DutyAssignment(guard.StaffId, "day", now.AddHours(-2), now.AddHours(6), "gate", null),
            new DutyAssignment(offDuty.StaffId, "night", now.AddHours(6), now.AddHours(14), null, null),
        ]));

        var fire = await ReportAsync(estate, new { estateId = estate, kind = "Fire", severity = "Critical", location = "Block 5 bin room", description = "Smoke from the bins" });

        fire.Emergency.Should().BeTrue();
        fire.SupervisorsAlerted.Should().Be(1);
        var alert = await gate.PublishedAsync<NotificationRequested>(n => n.Data.TryGetValue("incidentId", out var id) && id == fire.Id.ToString());
        alert.RecipientKind.Should().Be("staff");
        alert.RecipientId.Should().Be(onDuty.StaffId);
        alert.Urgency.Should().Be("urgent");
        alert.TemplateKey.Should().Be(SupervisorAlerts.SecurityEmergency);
        (await gate.OutboxAsync<NotificationRequested>()).Where(n => n.Data.GetValueOrDefault("incidentId") == fire.Id.ToString())
            .Should().ContainSingle("neither the supervisor off duty nor the guard is alerted");
    }

    [Fact]
    public async Task An_emergency_with_no_security_supervisor_known_alerts_the_estate_manager()
    {
        var estate = await gate.NewEstateAsync();
        var manager = await gate.HireAsync(estate, "Estate manager");
        var otherEstatesManager = await gate.HireAsync(await gate.NewEstateAsync(), "Estate manager");
        await gate.HireAsync(estate, "Guard");

        var fire = await ReportAsync(estate, new { estateId = estate, kind = "Fire", severity = "Critical", location = "Block 1 lobby", description = "Smoke alarm" });

        fire.SupervisorsAlerted.Should().Be(1);
        var alerts = (await gate.OutboxAsync<NotificationRequested>()).Where(n => n.Data.GetValueOrDefault("incidentId") == fire.Id.ToString()).ToList();
        alerts.Should().ContainSingle().Which.RecipientId.Should().Be(manager.StaffId);
        alerts.Should().NotContain(n => n.RecipientId == otherEstatesManager.StaffId);
    }

    [Fact]
    public async Task An_emergency_goes_to_the_estates_security_supervisors_not_the_manager_when_none_is_on_duty()
    {
        var estate = await gate.NewEstateAsync();
        var supervisor = await gate.HireAsync(estate, "Security supervisor");
        await gate.HireAsync(estate, "Estate manager");

        var fire = await ReportAsync(estate, new { estateId = estate, kind = "Fire", severity = "Critical", location = "Block 2 lobby", description = "Smoke alarm" });

        (await gate.OutboxAsync<NotificationRequested>()).Where(n => n.Data.GetValueOrDefault("incidentId") == fire.Id.ToString())
            .Should().ContainSingle().Which.RecipientId.Should().Be(supervisor.StaffId);
    }

    [Fact]
    public async Task A_bad_incident_names_every_field_and_stores_nothing()
    {
        var estate = await gate.NewEstateAsync();

        var bad = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/incidents",
            new { estateId = estate, kind = "Alien", severity = "9", description = "", unitId = Guid.Empty, occurredAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct);
        var elsewhere = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/incidents",
            new { estateId = Guid.NewGuid(), kind = "Theft", severity = "Low", location = "Lobby", description = "Bike stolen" }, Ct);

        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("kind", "severity", "location", "description", "unitId", "occurredAt");
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var listed = await gate.Supervisor(estate).GetFromJsonAsync<Page<IncidentResponse>>($"/api/security-gate/incidents?estateId={estate}", ApiJson.Options, Ct);
        listed!.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task An_incident_is_handled_once_and_another_estates_incident_is_not_found()
    {
        var estate = await gate.NewEstateAsync();
        var other = await gate.NewEstateAsync();
        var incident = await ReportAsync(estate, new { estateId = estate, kind = "Theft", severity = "Medium", location = "Bike shed", description = "Lock cut" });

        var handled = await (await gate.Supervisor(estate).PostAsJsonAsync($"/api/security-gate/incidents/{incident.Id}/handled", new { resolution = "Police report filed" }, Ct))
            .ReadAsync<IncidentResponse>(HttpStatusCode.OK);
        var again = await gate.Supervisor(estate).PostAsJsonAsync($"/api/security-gate/incidents/{incident.Id}/handled", new { resolution = "Again" }, Ct);
        var fromElsewhere = await gate.Supervisor(other).GetAsync($"/api/security-gate/incidents/{incident.Id}", Ct);

        handled.HandledAt.Should().NotBeNull();
        handled.Resolution.Should().Be("Police report filed");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        fromElsewhere.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
