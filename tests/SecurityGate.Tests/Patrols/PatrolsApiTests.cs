using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.SecurityGate.Features.Patrols;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.SecurityGate.Tests.Patrols;

public sealed class PatrolsApiTests(SecurityGateService gate)
{
    private static readonly string[] BadTimes = ["25:00"];
    private static readonly string[] TwiceADay = ["02:00", "14:00"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A route set up an hour ago whose round started <paramref name="startedAgo"/> (to the minute), so its checkpoints are already due.</summary>
    private Task<PatrolRoute> RouteStartedAsync(Guid estate, TimeSpan startedAgo, params RouteCheckpoint[] checkpoints) => gate.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SecurityGateDbContext>();
        var calendar = (await db.EstateCalendars.AsNoTracking().SingleAsync(c => c.EstateId == estate, Ct)).ToCalendar();
        var now = DateTimeOffset.UtcNow;
        var local = calendar.ToLocal(now - startedAgo);
        var route = PatrolRoute.Create(estate, "Night round", checkpoints, [new TimeOnly(local.Hour, local.Minute)], now.AddHours(-1));
        db.Routes.Add(route);
        db.CheckpointVisits.AddRange(route.LayOutRounds(now.AddHours(1), calendar));
        await db.SaveChangesAsync(Ct);
        return route;
    });

    private async Task<Page<CheckpointVisitResponse>> VisitsAsync(Guid estate, string? status = null) =>
        (await gate.Supervisor(estate).GetFromJsonAsync<Page<CheckpointVisitResponse>>(
            $"/api/security-gate/patrols/checkpoints?estateId={estate}{(status is null ? "" : $"&status={status}")}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task A_checkpoint_scanned_in_time_is_on_time_and_records_the_calling_guard_and_the_time()
    {
        var estate = await gate.NewEstateAsync();
        await RouteStartedAsync(estate, TimeSpan.FromMinutes(5), new RouteCheckpoint("CP-1", "Boiler room", 0));
        var guard = TestCaller.Staff(PlatformRoles.GateGuard, estate);
        var scannedAt = DateTimeOffset.UtcNow;

        var scan = await (await gate.CreateClient(guard).PostAsJsonAsync("/api/security-gate/patrols/scans",
            new { estateId = estate, checkpointCode = "cp-1", scannedAt, guard = "someone-else" }, Ct)).ReadAsync<ScanResponse>(HttpStatusCode.Created);

        scan.Outcome.Should().Be("OnTime");
        scan.Guard.Should().Be(guard.Subject, "the guard is whoever is signed in, never a field of the request");
        scan.ScannedAt.Should().BeCloseTo(scannedAt, TimeSpan.FromMilliseconds(1));
        var visit = (await VisitsAsync(estate, "onTime")).Items.Should().ContainSingle().Subject;
        visit.ScannedBy.Should().Be(guard.Subject);
    }

    [Fact]
    public async Task Missed_and_late_checkpoints_are_breaches_flagged_to_the_security_supervisor()
    {
        var estate = await gate.NewEstateAsync();
        await RouteStartedAsync(estate, TimeSpan.FromMinutes(40), new RouteCheckpoint("GATE-N", "North gate", 0), new RouteCheckpoint("POOL", "Pool", 5));
        var late = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "POOL" }, Ct))
            .ReadAsync<ScanResponse>(HttpStatusCode.Created);

        var monitor = gate.Services.GetRequiredService<SlaMonitor<SecurityGateDbContext>>();
        var visits = (await VisitsAsync(estate)).Items;
        var missed = visits.Single(v => v.Code == "GATE-N");
        var lateVisit = visits.Single(v => v.Code == "POOL");
        await Eventually.Async(async () =>
        {
            await monitor.CheckAsync(Ct);
            return (await BreachesAsync(missed.Id)).Count > 0 && (await BreachesAsync(lateVisit.Id)).Count > 0;
        }, TimeSpan.FromSeconds(30), "both checkpoints should be flagged");

        late.Outcome.Should().Be("Late");
        missed.Status.Should().Be("missed");
        lateVisit.Status.Should().Be("late");
        (await BreachesAsync(missed.Id)).Should().ContainSingle(e => e.Policy == "patrol-checkpoint" && e.NotifiedRole == PlatformRoles.SecuritySupervisor);
        (await BreachesAsync(lateVisit.Id)).Should().ContainSingle(e => e.NotifiedRole == PlatformRoles.SecuritySupervisor);
        (await gate.Supervisor(estate).GetAsync($"/api/security-gate/sla-events?estateId={estate}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_missed_checkpoint_reaches_the_security_supervisor_once()
    {
        var estate = await gate.NewEstateAsync();
        var supervisor = await gate.HireAsync(estate, "Security supervisor");
        await RouteStartedAsync(estate, TimeSpan.FromMinutes(40), new RouteCheckpoint("ROOF", "Roof door", 0));
        var missed = (await VisitsAsync(estate)).Items.Single();

        var monitor = gate.Services.GetRequiredService<SlaMonitor<SecurityGateDbContext>>();
        await Eventually.Async(async () =>
        {
            await monitor.CheckAsync(Ct);
            return (await AlertsAboutAsync(missed.Id)).Count > 0;
        }, TimeSpan.FromSeconds(30), "the missed checkpoint should reach the supervisor");
        await monitor.CheckAsync(Ct);

        var alert = (await AlertsAboutAsync(missed.Id)).Should().ContainSingle().Subject;
        alert.RecipientId.Should().Be(supervisor.StaffId);
        alert.RecipientKind.Should().Be("staff");
        alert.Data["location"].Should().Contain("Roof door");
        alert.TemplateKey.Should().Be(SupervisorAlerts.DeadlineMissed);
    }

    [Fact]
    public async Task Another_estates_guard_cannot_scan_or_report_a_finding_here_or_read_them_and_nothing_changes()
    {
        var (estate, other) = (await gate.NewEstateAsync(), await gate.NewEstateAsync());
        await RouteStartedAsync(estate, TimeSpan.FromMinutes(2), new RouteCheckpoint("CP-X", "Bike shed", 0));
        var finding = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/findings",
            new { estateId = estate, location = "Bike shed", description = "Broken light" }, Ct)).ReadAsync<FindingResponse>(HttpStatusCode.Created);

        var scan = await gate.Guard(other).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "CP-X" }, Ct);
        var report = await gate.Guard(other).PostAsJsonAsync("/api/security-gate/patrols/findings",
            new { estateId = estate, location = "Bike shed", description = "Someone else's finding" }, Ct);
        var findings = await gate.Supervisor(other).GetFromJsonAsync<Page<FindingResponse>>($"/api/security-gate/patrols/findings?estateId={estate}", ApiJson.Options, Ct);
        var visits = await gate.Supervisor(other).GetFromJsonAsync<Page<CheckpointVisitResponse>>($"/api/security-gate/patrols/checkpoints?estateId={estate}", ApiJson.Options, Ct);

        scan.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        report.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        findings!.Items.Should().BeEmpty();
        visits!.Items.Should().BeEmpty();
        (await VisitsAsync(estate, "pending")).Items.Should().ContainSingle("the other estate's guard scanned nothing here");
        var ours = await gate.Supervisor(estate).GetFromJsonAsync<Page<FindingResponse>>($"/api/security-gate/patrols/findings?estateId={estate}", ApiJson.Options, Ct);
        ours!.Items.Should().ContainSingle().Which.Id.Should().Be(finding.Id);
    }

    [Fact]
    public async Task A_scan_id_already_used_in_another_estate_is_a_conflict_and_changes_nothing_there()
    {
        var (estate, other) = (await gate.NewEstateAsync(), await gate.NewEstateAsync());
        await RouteStartedAsync(estate, TimeSpan.FromMinutes(2), new RouteCheckpoint("CP-A", "Lobby", 0));
        await RouteStartedAsync(other, TimeSpan.FromMinutes(2), new RouteCheckpoint("CP-B", "Garden", 0));
        var scanId = Guid.NewGuid();
        var first = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "CP-A", scanId }, Ct))
            .ReadAsync<ScanResponse>(HttpStatusCode.Created);

        var reused = await gate.Guard(other).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = other, checkpointCode = "CP-B", scanId }, Ct);

        reused.StatusCode.Should().Be(HttpStatusCode.Conflict, await reused.Content.ReadAsStringAsync(Ct));
        (await VisitsAsync(other, "pending")).Items.Should().ContainSingle("the other estate's checkpoint is not scanned by a refused scan");
        var again = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "CP-A", scanId }, Ct))
            .ReadAsync<ScanResponse>(HttpStatusCode.OK);
        (again.Id, again.EstateId, again.VisitId).Should().Be((first.Id, estate, first.VisitId));
    }

    [Fact]
    public async Task A_duplicate_scan_changes_nothing_the_second_time()
    {
        var estate = await gate.NewEstateAsync();
        await RouteStartedAsync(estate, TimeSpan.FromMinutes(2), new RouteCheckpoint("CP-9", "Car park", 0));
        var scanId = Guid.NewGuid();

        var first = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "CP-9", scanId }, Ct))
            .ReadAsync<ScanResponse>(HttpStatusCode.Created);
        var resent = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "CP-9", scanId }, Ct))
            .ReadAsync<ScanResponse>(HttpStatusCode.OK);
        var doubleTap = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "CP-9" }, Ct))
            .ReadAsync<ScanResponse>(HttpStatusCode.OK);

        (resent.Id, resent.Outcome, resent.VisitId).Should().Be((first.Id, first.Outcome, first.VisitId));
        doubleTap.Id.Should().Be(first.Id, "the checkpoint's first scan stands");
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Scans.CountAsync(s => s.EstateId == estate, Ct))).Should().Be(1);
    }

    [Fact]
    public async Task A_bad_scan_names_every_field_and_an_unknown_checkpoint_is_refused()
    {
        var estate = await gate.NewEstateAsync();
        await RouteStartedAsync(estate, TimeSpan.FromMinutes(2), new RouteCheckpoint("CP-1", "Lobby", 0));

        var bad = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans",
            new { checkpointCode = " ", scannedAt = DateTimeOffset.UtcNow.AddHours(1), scanId = Guid.Empty }, Ct);
        var unknown = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/scans", new { estateId = estate, checkpointCode = "NOPE" }, Ct);

        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("estateId", "checkpointCode", "scannedAt", "scanId");
        (await unknown.ErrorFieldsAsync()).Should().Equal("checkpointCode");
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Scans.CountAsync(s => s.EstateId == estate, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task A_route_names_every_bad_field_and_lays_out_its_rounds_in_estate_local_time()
    {
        var estate = await gate.NewEstateAsync();
        var bad = await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/patrols/routes", new
        {
            estateId = estate,
            checkpoints = new object[] { new { code = "A", minutesFromStart = 0 }, new { code = "a", minutesFromStart = 900 } },
            startTimes = BadTimes,
        }, Ct);
        var route = await (await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/patrols/routes", new
        {
            estateId = estate,
            name = "Perimeter",
            checkpoints = new object[] { new { code = "E1", name = "East fence", minutesFromStart = 0 }, new { code = "E2", minutesFromStart = 15 } },
            startTimes = TwiceADay,
        }, Ct)).ReadAsync<RouteResponse>(HttpStatusCode.Created);

        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("name", "checkpoints[1].code", "checkpoints[1].minutesFromStart", "startTimes[0]");
        var laidOut = await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().CheckpointVisits.AsNoTracking()
            .Where(v => v.RouteId == route.Id).ToListAsync(Ct));
        laidOut.Should().HaveCount(4, "two rounds within the next day, two checkpoints each");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById(SecurityGateService.TimeZoneId);
        laidOut.Where(v => v.Code == "E1").Select(v => TimeZoneInfo.ConvertTime(v.ExpectedAt, shanghai).TimeOfDay)
            .Should().BeEquivalentTo([TimeSpan.FromHours(2), TimeSpan.FromHours(14)]);
        laidOut.Where(v => v.Code == "E2").Should().OnlyContain(v => v.ExpectedAt == v.RoundStartsAt.AddMinutes(15));
        await gate.InScopeAsync(sp => PatrolScheduler.LayOutAsync(sp.GetRequiredService<SecurityGateDbContext>(), DateTimeOffset.UtcNow, Ct));
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().CheckpointVisits.CountAsync(v => v.RouteId == route.Id, Ct)))
            .Should().Be(4, "laying out again adds no round twice");
    }

    [Fact]
    public async Task A_patrol_finding_reaches_reception_as_PatrolFindingReported()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();

        var finding = await (await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/patrols/findings",
            new { estateId = estate, location = "Block 3 stairwell", unitId = unit, description = "Fire door propped open", needsRepair = true }, Ct))
            .ReadAsync<FindingResponse>(HttpStatusCode.Created);

        var reported = await gate.PublishedAsync<PatrolFindingReported>(f => f.FindingId == finding.Id);
        reported.EstateId.Should().Be(estate);
        reported.UnitId.Should().Be(unit);
        reported.Location.Should().Be("Block 3 stairwell");
        reported.NeedsReception.Should().BeTrue();
        reported.NeedsRepair.Should().BeTrue();
    }

    private async Task<List<NotificationRequested>> AlertsAboutAsync(Guid visitId) =>
        [.. (await gate.OutboxAsync<NotificationRequested>()).Where(n => n.Data.GetValueOrDefault("incidentId") == visitId.ToString())];

    private Task<List<SlaEvent>> BreachesAsync(Guid visitId) => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Set<SlaEvent>().AsNoTracking()
        .Where(e => e.SubjectId == visitId && e.Kind == SlaEventKind.Breached).ToListAsync(Ct));
}
