using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.Reception.Features.Patrols;
using PropertyPlatform.Reception.Features.Renovations;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Renovations;

public sealed class RenovationsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;

    private static object Application(Guid estateId, Guid unitId) => new
    {
        estateId,
        unitId,
        contractor = "Good Build Co.",
        contractorPhone = "13900001111",
        scope = "Kitchen and bathroom refit, no structural work",
        plannedStart = "2026-12-01",
        plannedEnd = "2027-01-31",
        workers = new[] { "Wang Qiang", "Liu Yang" },
    };

    private async Task<PermitResponse> ApplyAsync(Guid estateId, Guid unitId)
    {
        var response = await reception.CreateClient(TestCaller.Clerk(estateId)).PostAsJsonAsync("/api/reception/renovation-permits", Application(estateId, unitId), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await ReadAsync<PermitResponse>(response);
    }

    private Task<(Unit Unit, List<PatrolTarget> Sites, List<string> Events)> StateAsync(Guid unitId, Guid permitId) => reception.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<ReceptionDbContext>();
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId, Ct);
        var sites = await db.PatrolTargets.AsNoTracking().Where(t => t.PermitId == permitId).ToListAsync(Ct);
        var outbox = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync(Ct);
        var events = outbox.Where(m => m.Payload.Contains(permitId.ToString(), StringComparison.Ordinal)).Select(m => m.EventType).ToList();
        return (unit, sites, events);
    });

    [Fact]
    public async Task An_approved_permit_makes_the_unit_a_daily_patrolled_renovation_site_until_the_works_are_accepted()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId));
        var permit = await ApplyAsync(estateId, units[0]);

        var approved = await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/approval", new { }, Ct);
        var during = await StateAsync(units[0], permit.Id);
        var inspection = await clerk.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/inspections", new { passed = true, findings = "Permit posted, extinguisher present" }, Ct);
        var accepted = await manager.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/acceptance", new { note = "Works finished as applied" }, Ct);
        var after = await StateAsync(units[0], permit.Id);

        permit.Status.Should().Be(PermitStatus.Applied);
        (await ReadAsync<PermitResponse>(approved)).Status.Should().Be(PermitStatus.Approved);
        during.Unit.Status.Should().Be(UnitStatus.Renovating);
        during.Sites.Should().ContainSingle().Which.Should().Match<PatrolTarget>(t => t.Kind == PatrolTargetKind.RenovationSite && t.Active && t.UnitId == units[0]);
        during.Events.Should().ContainSingle().Which.Should().StartWith("PropertyPlatform.Contracts.Reception.RenovationPermitApproved");
        inspection.StatusCode.Should().Be(HttpStatusCode.Created);
        var done = await ReadAsync<PermitResponse>(accepted);
        done.Status.Should().Be(PermitStatus.Accepted);
        done.Inspections.Should().ContainSingle().Which.Passed.Should().BeTrue();
        after.Unit.Status.Should().Be(UnitStatus.Occupied);
        after.Sites.Should().ContainSingle().Which.Active.Should().BeFalse();
        after.Events.Should().HaveCount(2);
        after.Events[1].Should().StartWith("PropertyPlatform.Contracts.Reception.RenovationAccepted");
        var overdue = (await clerk.GetFromJsonAsync<Page<PatrolTargetResponse>>(
            $"/api/reception/patrol-targets?estateId={estateId}&active=true", ApiJson.Options, Ct))!;
        overdue.Items.Should().BeEmpty("an accepted site is no longer patrolled");
    }

    [Fact]
    public async Task Each_decision_on_a_renovation_is_told_to_the_owners_of_its_unit_through_the_notification_capability()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var ownerOfFirst = await reception.AddOwnerAsync(estateId, units[0]);
        var ownerOfSecond = await reception.AddOwnerAsync(estateId, units[1]);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));
        var approvedPermit = await ApplyAsync(estateId, units[0]);
        var refusedPermit = await ApplyAsync(estateId, units[1]);

        (await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{approvedPermit.Id}/approval", new { }, Ct)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/reception/renovation-permits/{approvedPermit.Id}/inspections", new { passed = false, findings = "No permit posted" }, Ct)).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{refusedPermit.Id}/rejection", new { note = "Load-bearing wall in the plan" }, Ct)).EnsureSuccessStatusCode();

        var requested = (await reception.OutboxAsync<NotificationRequested>()).Where(r => r.EstateId == estateId).ToList();
        requested.Where(r => r.RecipientId == ownerOfFirst).Select(r => r.TemplateKey)
            .Should().Equal(NotificationTemplates.RenovationApproved, NotificationTemplates.RenovationInspected);
        requested.Single(r => r.TemplateKey == NotificationTemplates.RenovationInspected).Data.Should().Contain(new Dictionary<string, string>
        {
            ["result"] = "failed", ["findings"] = "No permit posted", ["permitId"] = approvedPermit.Id.ToString(),
        });
        requested.Single(r => r.RecipientId == ownerOfSecond).Should().Match<NotificationRequested>(r =>
            r.TemplateKey == NotificationTemplates.RenovationRejected && r.Data["reason"] == "Load-bearing wall in the plan");
    }

    [Fact]
    public async Task Only_supervisors_and_managers_decide_and_a_unit_has_one_active_permit()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));
        var permit = await ApplyAsync(estateId, units[0]);

        var byClerk = await clerk.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/approval", new { }, Ct);
        var second = await clerk.PostAsJsonAsync("/api/reception/renovation-permits", Application(estateId, units[0]), Ct);
        var inspectedEarly = await clerk.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/inspections", new { passed = true, findings = "Fine" }, Ct);
        var rejectedWithoutReason = await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/rejection", new { }, Ct);
        var rejected = await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/rejection", new { note = "Structural drawings missing" }, Ct);
        var approvedAfterRejection = await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/approval", new { }, Ct);
        var reapplied = await clerk.PostAsJsonAsync("/api/reception/renovation-permits", Application(estateId, units[0]), Ct);

        byClerk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        inspectedEarly.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ReadAsync<ValidationProblemDetails>(rejectedWithoutReason)).Errors.Keys.Should().Equal("note");
        (await ReadAsync<PermitResponse>(rejected)).DecisionNote.Should().Be("Structural drawings missing");
        approvedAfterRejection.StatusCode.Should().Be(HttpStatusCode.Conflict);
        reapplied.StatusCode.Should().Be(HttpStatusCode.Created, "a rejected application does not block a new one");
        var state = await StateAsync(units[0], permit.Id);
        state.Unit.Status.Should().Be(UnitStatus.Occupied);
        state.Sites.Should().BeEmpty();
        state.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task Works_whose_latest_inspection_failed_are_accepted_only_after_a_passed_one()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));
        var permit = await ApplyAsync(estateId, units[0]);
        await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/approval", new { }, Ct);

        await clerk.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/inspections", new { passed = false, findings = "No fire extinguisher on site" }, Ct);
        var refused = await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/acceptance", new { note = "Done" }, Ct);
        await clerk.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/inspections", new { passed = true, findings = "Extinguisher now present" }, Ct);
        var acceptedByClerk = await clerk.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/acceptance", new { note = "Done" }, Ct);
        var accepted = await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{permit.Id}/acceptance", new { note = "Done" }, Ct);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        acceptedByClerk.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadAsync<PermitResponse>(accepted)).Inspections.Select(i => i.Passed).Should().Equal(false, true);
    }

    [Fact]
    public async Task Bad_applications_name_every_failing_field_and_store_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (_, otherUnits) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var bad = await clerk.PostAsJsonAsync("/api/reception/renovation-permits", new
        {
            estateId, unitId = units[0], contractor = "", contractorPhone = "call me", scope = "x",
            plannedStart = "2026-12-31", plannedEnd = "2026-12-01", workers = Array.Empty<string>(),
        }, Ct);
        var foreignUnit = await clerk.PostAsJsonAsync("/api/reception/renovation-permits", Application(estateId, otherUnits[0]), Ct);

        (await ReadAsync<ValidationProblemDetails>(bad)).Errors.Keys.Should().BeEquivalentTo(
            ["contractor", "contractorPhone", "scope", "plannedEnd", "workers"]);
        (await ReadAsync<ValidationProblemDetails>(foreignUnit)).Errors.Keys.Should().Equal("unitId");
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().RenovationPermits.CountAsync(p => p.EstateId == estateId, Ct));
        stored.Should().Be(0);
    }

    [Fact]
    public async Task The_contractors_phone_is_masked_in_lists_for_roles_that_do_not_call_back_and_other_estates_see_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var permit = await ApplyAsync(estateId, units[0]);
        var url = $"/api/reception/renovation-permits?estateId={estateId}";

        var forClerk = (await reception.CreateClient(TestCaller.Clerk(estateId)).GetFromJsonAsync<Page<PermitResponse>>(url, ApiJson.Options, Ct))!;
        var forTechnician = (await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId)).GetFromJsonAsync<Page<PermitResponse>>(url, ApiJson.Options, Ct))!;
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));

        forClerk.Items.Should().ContainSingle().Which.ContractorPhone.Should().Be("13900001111");
        forTechnician.Items.Should().ContainSingle().Which.ContractorPhone.Should().Be("139****1111");
        (await otherClerk.GetAsync($"/api/reception/renovation-permits/{permit.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.PostAsJsonAsync("/api/reception/renovation-permits", Application(estateId, units[0]), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId))
            .PostAsJsonAsync("/api/reception/renovation-permits", Application(estateId, units[0]), Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
