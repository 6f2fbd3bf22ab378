using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Patrols;
using PropertyPlatform.Reception.Features.Renovations;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Patrols;

public sealed class PatrolsApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, bool> CommonAreaAllPassed =
        PatrolTarget.ChecklistOf(PatrolTargetKind.CommonArea).ToDictionary(item => item, _ => true);

    private static readonly Dictionary<string, bool> SiteAllPassed =
        PatrolTarget.ChecklistOf(PatrolTargetKind.RenovationSite).ToDictionary(item => item, _ => true);

    private static readonly string[] Workers = ["Wang Qiang", "Liu Yang"];

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;

    private static async Task<PatrolTargetResponse> CommonAreaAsync(HttpClient clerk, Guid estateId, string name = "Building 1 lobby and stairs")
    {
        var response = await clerk.PostAsJsonAsync("/api/reception/patrol-targets", new { estateId, kind = "commonArea", name }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await ReadAsync<PatrolTargetResponse>(response);
    }

    /// <summary>An approved renovation permit for <paramref name="unitId"/>, and the daily site target it opened.</summary>
    internal static async Task<(PermitResponse Permit, PatrolTargetResponse Site)> RenovationSiteAsync(ReceptionService reception, Guid estateId, Guid unitId)
    {
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var applied = await ReadAsync<PermitResponse>(await clerk.PostAsJsonAsync("/api/reception/renovation-permits", new
        {
            estateId, unitId, contractor = "Good Build Co.", contractorPhone = "13900001111", scope = "Kitchen and bathroom",
            plannedStart = "2026-12-01", plannedEnd = "2027-01-31", workers = Workers,
        }, Ct));
        var supervisor = reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));
        var approved = await supervisor.PostAsJsonAsync($"/api/reception/renovation-permits/{applied.Id}/approval", new { note = "Drawings checked" }, Ct);
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        var sites = (await clerk.GetFromJsonAsync<Page<PatrolTargetResponse>>(
            $"/api/reception/patrol-targets?estateId={estateId}&kind=renovationSite", ApiJson.Options, Ct))!;
        return (await ReadAsync<PermitResponse>(approved), sites.Items.Single(t => t.PermitId == applied.Id));
    }

    private static Task<HttpResponseMessage> PatrolAsync(HttpClient client, Guid targetId, object body) =>
        client.PostAsJsonAsync($"/api/reception/patrol-targets/{targetId}/patrols", body, Ct);

    [Fact]
    public async Task A_renovation_site_not_patrolled_for_two_days_is_overdue_while_a_common_area_is_not()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var (_, site) = await RenovationSiteAsync(reception, estateId, units[0]);
        var area = await CommonAreaAsync(clerk, estateId);
        var twoDaysAgo = DateTimeOffset.UtcNow.AddDays(-2);

        (await PatrolAsync(clerk, site.Id, new { patrolledAt = twoDaysAgo, checklist = SiteAllPassed })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await PatrolAsync(clerk, area.Id, new { patrolledAt = twoDaysAgo, checklist = CommonAreaAllPassed })).StatusCode.Should().Be(HttpStatusCode.Created);
        var overdue = (await clerk.GetFromJsonAsync<Page<PatrolTargetResponse>>(
            $"/api/reception/patrol-targets/overdue?estateId={estateId}", ApiJson.Options, Ct))!;

        site.Kind.Should().Be(PatrolTargetKind.RenovationSite);
        site.UnitId.Should().Be(units[0]);
        overdue.Items.Should().ContainSingle().Which.Id.Should().Be(site.Id);
        overdue.Items[0].Overdue.Should().BeTrue();
        overdue.Items[0].LastPatrolledAt.Should().BeCloseTo(twoDaysAgo, TimeSpan.FromMilliseconds(1));

        (await PatrolAsync(clerk, site.Id, new { checklist = SiteAllPassed })).StatusCode.Should().Be(HttpStatusCode.Created);
        var afterToday = (await clerk.GetFromJsonAsync<Page<PatrolTargetResponse>>(
            $"/api/reception/patrol-targets/overdue?estateId={estateId}", ApiJson.Options, Ct))!;
        afterToday.Items.Should().BeEmpty("today's patrol makes it due tomorrow, local time");
    }

    [Fact]
    public async Task Findings_become_patrol_requests_and_violations_linked_to_the_patrol()
    {
        var (estateId, units) = await reception.NewEstateAsync(units: 2);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var area = await CommonAreaAsync(clerk, estateId);

        var response = await PatrolAsync(clerk, area.Id, new
        {
            checklist = CommonAreaAllPassed.ToDictionary(i => i.Key, i => i.Key != "lighting"),
            notes = "Stairwell light out on floor 3",
            findings = new object[]
            {
                new { kind = "request", category = "repair", description = "Stairwell light out on floor 3" },
                new { kind = "violation", violationType = "renovationWithoutPermit", unitId = units[1], description = "Drilling and debris at 1-102, no permit posted" },
            },
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var record = await ReadAsync<PatrolRecordResponse>(response);
        record.FailedItems.Should().Equal("lighting");
        record.RequestIds.Should().ContainSingle();
        record.ViolationIds.Should().ContainSingle();
        var (request, violation, repairQueued) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == record.RequestIds[0], Ct);
            var violation = await db.Violations.AsNoTracking().SingleAsync(v => v.Id == record.ViolationIds[0], Ct);
            var queued = (await db.OutboxMessages.AsNoTracking().ToListAsync(Ct)).Any(m => m.Payload.Contains(request.Id.ToString(), StringComparison.Ordinal));
            return (request, violation, queued);
        });
        request.Channel.Should().Be(RequestChannel.Patrol);
        request.Category.Should().Be(RequestCategory.Repair);
        request.UnitId.Should().BeNull("a common area");
        repairQueued.Should().BeTrue("the repair goes on to maintenance");
        violation.Type.Should().Be(ViolationType.RenovationWithoutPermit);
        violation.UnitId.Should().Be(units[1]);
        violation.Status.Should().Be(ViolationStatus.Open);
        violation.PatrolRecordId.Should().Be(record.Id);
    }

    [Fact]
    public async Task A_patrol_answering_the_wrong_checklist_or_with_bad_findings_is_refused_and_changes_nothing()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, otherUnits) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var area = await CommonAreaAsync(clerk, estateId);

        var wrongChecklist = await PatrolAsync(clerk, area.Id, new { checklist = SiteAllPassed });
        var badFindings = await PatrolAsync(clerk, area.Id, new
        {
            patrolledAt = DateTimeOffset.UtcNow.AddHours(2),
            checklist = CommonAreaAllPassed,
            findings = new object[] { new { kind = "gossip", description = "Neighbours" }, new { kind = "violation", description = "Wall gone" } },
        });
        var unitOfAnotherEstate = await PatrolAsync(clerk, area.Id, new
        {
            checklist = CommonAreaAllPassed,
            findings = new object[] { new { kind = "request", category = "repair", unitId = otherUnits[0], description = "Leak" } },
        });
        var missing = await PatrolAsync(clerk, area.Id, new { });

        (await ReadAsync<ValidationProblemDetails>(wrongChecklist)).Errors.Keys.Should().Equal("checklist");
        (await ReadAsync<ValidationProblemDetails>(badFindings)).Errors.Keys.Should().BeEquivalentTo(
            ["patrolledAt", "findings[0].kind", "findings[1].violationType"]);
        (await ReadAsync<ValidationProblemDetails>(unitOfAnotherEstate)).Errors.Keys.Should().Equal("findings[0].unitId");
        (await ReadAsync<ValidationProblemDetails>(missing)).Errors.Keys.Should().Equal("checklist");
        var (target, records, requests) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            return (await db.PatrolTargets.AsNoTracking().SingleAsync(t => t.Id == area.Id, Ct),
                await db.PatrolRecords.CountAsync(r => r.TargetId == area.Id, Ct),
                await db.Requests.CountAsync(r => r.EstateId == estateId || r.EstateId == otherEstate, Ct));
        });
        target.LastPatrolledAt.Should().BeNull();
        target.DueBy.Should().Be(area.DueBy);
        records.Should().Be(0);
        requests.Should().Be(0);
        _ = units;
    }

    [Fact]
    public async Task Targets_are_common_areas_or_vacant_units_and_renovation_sites_come_only_from_permits()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var vacant = await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var site = await clerk.PostAsJsonAsync("/api/reception/patrol-targets", new { estateId, kind = "renovationSite", name = "1-101", unitId = units[0] }, Ct);
        var occupied = await clerk.PostAsJsonAsync("/api/reception/patrol-targets", new { estateId, kind = "vacantUnit", name = "1-101", unitId = units[0] }, Ct);
        var noUnit = await clerk.PostAsJsonAsync("/api/reception/patrol-targets", new { estateId, kind = "vacantUnit", name = "?" }, Ct);
        var vacantTarget = await clerk.PostAsJsonAsync("/api/reception/patrol-targets", new { estateId, kind = "vacantUnit", name = "Vacant flat", unitId = vacant }, Ct);
        var twice = await clerk.PostAsJsonAsync("/api/reception/patrol-targets", new { estateId, kind = "vacantUnit", name = "Vacant flat", unitId = vacant }, Ct);

        (await ReadAsync<ValidationProblemDetails>(site)).Errors.Keys.Should().Equal("kind");
        (await ReadAsync<ValidationProblemDetails>(occupied)).Errors.Keys.Should().Equal("unitId");
        (await ReadAsync<ValidationProblemDetails>(noUnit)).Errors.Keys.Should().Equal("unitId");
        vacantTarget.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await ReadAsync<PatrolTargetResponse>(vacantTarget);
        created.Checklist.Should().Contain(["noDebris", "doorsAndWindowsSecured"]);
        created.Overdue.Should().BeFalse();
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_checklists_cover_greening_posting_noise_things_thrown_from_height_animals_and_renovation_paperwork_and_illegal_operations()
    {
        PatrolTarget.ChecklistOf(PatrolTargetKind.CommonArea).Should().Contain(
            ["greeningKept", "noIllegalPosting", "noNoiseNuisance", "nothingThrownFromHeight", "animalsUnderControl"]);
        PatrolTarget.ChecklistOf(PatrolTargetKind.RenovationSite).Should().Contain(["paperworkInOrder", "noIllegalOperations"]);

        var (estateId, _) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var area = await CommonAreaAsync(clerk, estateId);
        var oldChecklist = await PatrolAsync(clerk, area.Id, new
        {
            checklist = new Dictionary<string, bool> { ["cleanliness"] = true, ["lighting"] = true, ["facilitiesIntact"] = true, ["noSafetyHazards"] = true },
        });
        var posting = await PatrolAsync(clerk, area.Id, new
        {
            checklist = CommonAreaAllPassed.ToDictionary(i => i.Key, i => i.Key != "noIllegalPosting"),
            findings = new[] { new { kind = "violation", violationType = "illegalPosting", description = "Ads glued on the lift doors" } },
        });

        oldChecklist.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the common-area round answers every item of the standard");
        posting.StatusCode.Should().Be(HttpStatusCode.Created);
        (await ReadAsync<PatrolRecordResponse>(posting)).FailedItems.Should().Equal("noIllegalPosting");
    }

    [Fact]
    public async Task A_vacant_units_round_records_its_water_and_electricity_readings_as_numbers()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var vacant = await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var target = await ReadAsync<PatrolTargetResponse>(await clerk.PostAsJsonAsync(
            "/api/reception/patrol-targets", new { estateId, kind = "vacantUnit", name = "Vacant flat", unitId = vacant }, Ct));
        var checklist = PatrolTarget.ChecklistOf(PatrolTargetKind.VacantUnit).ToDictionary(item => item, _ => true);

        var withoutReadings = await PatrolAsync(clerk, target.Id, new { checklist });
        var badReadings = await PatrolAsync(clerk, target.Id, new { checklist, readings = new { water = -1m, electricity = 12.3456m } });
        var recorded = await PatrolAsync(clerk, target.Id, new { checklist, readings = new { water = 123.456m, electricity = 4567.8m } });
        var area = await CommonAreaAsync(clerk, estateId);
        var readingsOnCommonArea = await PatrolAsync(clerk, area.Id, new { checklist = CommonAreaAllPassed, readings = new { water = 1m, electricity = 1m } });

        (await ReadAsync<ValidationProblemDetails>(withoutReadings)).Errors.Keys.Should().BeEquivalentTo(["readings.water", "readings.electricity"]);
        (await ReadAsync<ValidationProblemDetails>(badReadings)).Errors.Keys.Should().BeEquivalentTo(["readings.water", "readings.electricity"]);
        recorded.StatusCode.Should().Be(HttpStatusCode.Created);
        (await ReadAsync<PatrolRecordResponse>(recorded)).Readings.Should().Be(new PatrolMeterReadings(123.456m, 4567.8m));
        (await ReadAsync<ValidationProblemDetails>(readingsOnCommonArea)).Errors.Keys.Should().Equal("readings");
        var rounds = await clerk.GetFromJsonAsync<Page<PatrolRecordResponse>>($"/api/reception/patrol-targets/{target.Id}/patrols", ApiJson.Options, Ct);
        rounds!.Items.Should().ContainSingle("refused rounds store nothing");
    }

    [Fact]
    public async Task A_vacant_units_round_ends_at_move_in_and_begins_at_the_move_out_that_empties_it()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var unit = await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var round = await ReadAsync<PatrolTargetResponse>(await clerk.PostAsJsonAsync(
            "/api/reception/patrol-targets", new { estateId, kind = "vacantUnit", name = "Vacant flat", unitId = unit }, Ct));
        async Task<List<PatrolTargetResponse>> RoundsAsync() =>
            [.. (await clerk.GetFromJsonAsync<Page<PatrolTargetResponse>>(
                $"/api/reception/patrol-targets?estateId={estateId}&kind=vacantUnit&limit=100", ApiJson.Options, Ct))!.Items.Where(t => t.UnitId == unit)];

        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var movedIn = await clerk.PostAsJsonAsync("/api/reception/move-ins", new
        {
            estateId, unitId = unit, movedInOn = today, documentsChecked = true, keysHandedOver = 2,
            meterReadings = new { water = 10m, electricity = 20m },
            residents = new[] { new { kind = "tenant", fullName = "Sun Li", phone = "13700000001" } },
        }, Ct);
        movedIn.StatusCode.Should().Be(HttpStatusCode.Created, await movedIn.Content.ReadAsStringAsync(Ct));
        var afterMoveIn = await RoundsAsync();
        var residentId = (await ReadAsync<MoveInProbe>(movedIn)).Residents.Single().Id;
        var movedOut = await clerk.PostAsJsonAsync($"/api/reception/residents/{residentId}/move-out", new
        {
            movedOutOn = today, meterReadings = new { water = 11m, electricity = 25m },
        }, Ct);
        movedOut.StatusCode.Should().Be(HttpStatusCode.OK, await movedOut.Content.ReadAsStringAsync(Ct));
        var afterMoveOut = await RoundsAsync();

        afterMoveIn.Should().ContainSingle(t => t.Id == round.Id).Which.Active.Should().BeFalse("somebody lives there now");
        afterMoveOut.Should().ContainSingle(t => t.Active, "the emptied unit is patrolled monthly again").Which.Id.Should().NotBe(round.Id);
    }

    private sealed record MoveInProbe(IReadOnlyList<ResidentProbe> Residents);

    private sealed record ResidentProbe(Guid Id);

    [Fact]
    public async Task A_serious_finding_goes_at_once_to_the_supervisor_on_the_published_roster_and_its_rectification_day_is_a_deadline()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        var supervisorId = await reception.SupervisorOnDutyAsync(estateId);
        var area = await CommonAreaAsync(clerk, estateId);

        var patrol = await ReadAsync<PatrolRecordResponse>(await PatrolAsync(clerk, area.Id, new
        {
            checklist = CommonAreaAllPassed.ToDictionary(i => i.Key, i => i.Key != "nothingThrownFromHeight"),
            findings = new[] { new { kind = "violation", violationType = "throwingFromHeight", description = "Flower pot thrown from above 1-12", serious = true } },
        }));
        var calm = await ReadAsync<PatrolRecordResponse>(await PatrolAsync(clerk, area.Id, new
        {
            checklist = CommonAreaAllPassed,
            findings = new[] { new { kind = "violation", violationType = "illegalPosting", description = "A flyer in the lobby" } },
        }));
        var violationId = patrol.ViolationIds.Single();
        var rectifyBy = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await clerk.PostAsJsonAsync($"/api/reception/violations/{violationId}/rectification", new { rectifyBy, note = "Owner of 1-12 to secure the pots" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        patrol.EscalatedTo.Should().Be(supervisorId.ToString());
        calm.EscalatedTo.Should().BeNull("only serious findings are escalated");
        var asked = (await reception.OutboxAsync<PropertyPlatform.Contracts.Notifications.NotificationRequested>())
            .Where(n => n.EstateId == estateId && n.TemplateKey == "serious-patrol-finding").ToList();
        asked.Should().ContainSingle().Which.Should().Match<PropertyPlatform.Contracts.Notifications.NotificationRequested>(n =>
            n.RecipientKind == "staff" && n.RecipientId == supervisorId && n.Urgency == "urgent" && n.Data["place"] == area.Name);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Violations.AsNoTracking().SingleAsync(v => v.Id == violationId, Ct));
        stored.Serious.Should().BeTrue();
        stored.Rectification!.DueAt.Should().Be(new DateTimeOffset(
            DateOnly.Parse(rectifyBy, System.Globalization.CultureInfo.InvariantCulture).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime(),
            "due at the end of the rectification day, estate-local");
        stored.Rectification.NextCheckAt.Should().NotBeNull("the SLA monitor watches it");
    }

    [Fact]
    public async Task Butlers_patrol_technicians_only_read_and_other_estates_see_nothing()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var area = await CommonAreaAsync(reception.CreateClient(TestCaller.Clerk(estateId)), estateId);
        var technician = reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId));
        var guard = reception.CreateClient(TestCaller.Staff(PlatformRoles.GateGuard, estateId));
        var manager = reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId));
        var otherClerk = reception.CreateClient(TestCaller.Clerk(otherEstate));

        (await PatrolAsync(technician, area.Id, new { checklist = CommonAreaAllPassed })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await technician.GetAsync($"/api/reception/patrol-targets/overdue?estateId={estateId}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await technician.GetAsync($"/api/reception/patrol-targets/{area.Id}/patrols", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await guard.GetAsync($"/api/reception/patrol-targets/{area.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherClerk.PostAsJsonAsync("/api/reception/patrol-targets", new { estateId, kind = "commonArea", name = "Gym" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await PatrolAsync(otherClerk, area.Id, new { checklist = CommonAreaAllPassed })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherClerk.GetAsync($"/api/reception/patrol-targets/{area.Id}/patrols", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await PatrolAsync(manager, area.Id, new { checklist = CommonAreaAllPassed })).StatusCode.Should().Be(HttpStatusCode.Created);
    }
}
