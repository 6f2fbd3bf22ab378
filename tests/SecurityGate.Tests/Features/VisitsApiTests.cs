using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features.Visitors;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Http;

namespace PropertyPlatform.SecurityGate.Tests.Features;

public sealed class VisitsApiTests(SecurityGateService gate)
{
    private const string IdCard = "110101199003071234";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_to_a_unit_is_admitted_and_the_owner_is_notified_on_the_broker()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var owner = await gate.RegisterOwnerAsync(estate, unit);

        var visit = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Zhao Lei", idNumber = IdCard, unitId = unit, hostName = "Li Na", purpose = "Family visit",
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        visit.Outcome.Should().Be("Admitted");
        visit.HostsNotified.Should().Be(1);
        var notification = await gate.PublishedAsync<NotificationRequested>(n => n.Data.TryGetValue("visitId", out var id) && id == visit.Id.ToString());
        notification.RecipientKind.Should().Be("owner");
        notification.RecipientId.Should().Be(owner.OwnerId);
        notification.TemplateKey.Should().Be("visitor-arrived");
        notification.EstateId.Should().Be(estate);
        notification.Data.Should().ContainKeys("visitorName", "purpose", "arrivedAt");
        notification.Data["visitorName"].Should().Be("Zhao Lei");
        notification.Data.Values.Should().NotContain(v => v.Contains(IdCard, StringComparison.Ordinal), "the ID number never leaves the gate");
    }

    [Fact]
    public async Task The_ID_number_is_stored_in_full_but_shown_masked_and_kept_out_of_the_audit_trail()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        await gate.RegisterOwnerAsync(estate, unit);

        var created = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Zhao Lei", idNumber = IdCard, unitId = unit,
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        created.IdNumber.Should().Be("110***********1234");
        var read = await gate.Supervisor(estate).GetFromJsonAsync<VisitResponse>($"/api/security-gate/visits/{created.Id}", TestSupport.ApiJson.Options, Ct);
        read!.IdNumber.Should().Be("110***********1234");
        var (stored, audit) = await gate.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SecurityGateDbContext>();
            return (await db.Visits.AsNoTracking().SingleAsync(v => v.Id == created.Id, Ct),
                await db.Set<AuditEntry>().AsNoTracking().SingleAsync(a => a.EntityId == created.Id.ToString(), Ct));
        });
        stored.IdNumber.Should().Be(IdCard);
        audit.Changes.Should().NotContain(IdCard);
    }

    [Fact]
    public async Task Someone_with_no_host_and_no_business_is_refused_and_the_refusal_is_recorded()
    {
        var estate = await gate.NewEstateAsync();

        var refused = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Stranger", idNumber = IdCard,
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        refused.Outcome.Should().Be("Refused");
        refused.RefusalReason.Should().Be(VisitsApi.NoHostNoBusiness);
        refused.HostsNotified.Should().Be(0);
        var log = await gate.Supervisor(estate).GetFromJsonAsync<Page<VisitResponse>>(
            $"/api/security-gate/visits?estateId={estate}&outcome=Refused", TestSupport.ApiJson.Options, Ct);
        log!.Items.Should().ContainSingle(v => v.Id == refused.Id);
        var departure = await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/visits/{refused.Id}/departure", new { }, Ct);
        departure.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_visitor_naming_a_unit_nobody_lives_in_or_owns_is_refused()
    {
        var estate = await gate.NewEstateAsync();

        var refused = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Stranger", idNumber = IdCard, unitId = Guid.NewGuid(), hostName = "Somebody",
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        refused.Outcome.Should().Be("Refused");
        refused.RefusalReason.Should().Be(VisitsApi.NobodyInUnit);
    }

    [Fact]
    public async Task A_visitor_on_business_with_the_estate_is_admitted_without_a_host()
    {
        var estate = await gate.NewEstateAsync();

        var visit = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Courier", idNumber = IdCard, purpose = "Delivery to the management office",
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        visit.Outcome.Should().Be("Admitted");
        visit.HostsNotified.Should().Be(0);
    }

    [Fact]
    public async Task A_visitor_living_with_a_tenant_is_admitted_on_the_move_in_reception_announced()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        await gate.MoveInAsync(estate, unit);

        var visit = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Friend", idNumber = IdCard, unitId = unit,
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        visit.Outcome.Should().Be("Admitted");
    }

    [Fact]
    public async Task The_departure_is_recorded_once()
    {
        var estate = await gate.NewEstateAsync();
        var visit = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Courier", idNumber = IdCard, purpose = "Delivery",
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        var left = await (await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/visits/{visit.Id}/departure", new { }, Ct))
            .ReadAsync<VisitResponse>(HttpStatusCode.OK);
        var again = await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/visits/{visit.Id}/departure", new { }, Ct);

        left.LeftAt.Should().NotBeNull();
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_registration_with_bad_input_names_every_field_and_stores_nothing()
    {
        var estate = await gate.NewEstateAsync();

        var response = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = " ", idNumber = "12-34", unitId = Guid.Empty, hostName = new string('h', 101),
            purpose = new string('p', 201), arrivedAt = DateTimeOffset.UtcNow.AddHours(1),
        }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["visitorName", "idNumber", "unitId", "hostName", "purpose", "arrivedAt"]);
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Visits.AnyAsync(v => v.EstateId == estate, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task A_guard_of_another_estate_can_neither_register_nor_read_its_visits()
    {
        var estate = await gate.NewEstateAsync();
        var other = await gate.NewEstateAsync();
        var visit = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Courier", idNumber = IdCard, purpose = "Delivery",
        }, Ct)).ReadAsync<VisitResponse>(HttpStatusCode.Created);

        var write = await gate.Guard(other).PostAsJsonAsync("/api/security-gate/visits", new
        {
            estateId = estate, visitorName = "Courier", idNumber = IdCard, purpose = "Delivery",
        }, Ct);
        var read = await gate.Guard(other).GetAsync($"/api/security-gate/visits/{visit.Id}", Ct);
        var leave = await gate.Guard(other).PostAsJsonAsync($"/api/security-gate/visits/{visit.Id}/departure", new { }, Ct);

        write.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        leave.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
