using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Contracts.Sla;
using PropertyPlatform.SecurityGate.Consumers;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.FireSafety;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.SecurityGate.Tests.Safety;

public sealed class FireSafetyTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A daily routine set up two days ago, due by an hour ago (local time, to the minute): its past checks were never done.</summary>
    private Task<FireCheckRoutine> RoutineSetUpTwoDaysAgoAsync(Guid estate, FireCheckKind kind) => gate.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SecurityGateDbContext>();
        var calendar = (await db.EstateCalendars.AsNoTracking().SingleAsync(c => c.EstateId == estate, Ct)).ToCalendar();
        var now = DateTimeOffset.UtcNow;
        var dueBy = calendar.ToLocal(now.AddHours(-1));
        var routine = FireCheckRoutine.Create(estate, kind, "East fire lane", 1, new TimeOnly(dueBy.Hour, dueBy.Minute), now.AddDays(-2));
        db.FireCheckRoutines.Add(routine);
        db.FireChecks.AddRange(routine.LayOut(now, calendar));
        await db.SaveChangesAsync(Ct);
        return routine;
    });

    private async Task<Page<FireCheckResponse>> ChecksAsync(Guid estate, string status) =>
        (await gate.Supervisor(estate).GetFromJsonAsync<Page<FireCheckResponse>>($"/api/security-gate/fire-safety/checks?estateId={estate}&status={status}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task A_fire_lane_check_not_done_by_its_time_is_a_miss_flagged_to_the_security_supervisor()
    {
        var estate = await gate.NewEstateAsync();
        var routine = await RoutineSetUpTwoDaysAgoAsync(estate, FireCheckKind.FireLane);
        var missed = (await ChecksAsync(estate, "missed")).Items;

        var monitor = gate.Services.GetRequiredService<SlaMonitor<SecurityGateDbContext>>();
        await Eventually.Async(async () =>
        {
            await monitor.CheckAsync(Ct);
            return (await BreachesAsync(estate)).Count >= missed.Count;
        }, TimeSpan.FromSeconds(30), "every missed check should be flagged");

        missed.Should().HaveCount(2, "the checks due a day and an hour ago and an hour ago were never done");
        (await BreachesAsync(estate)).Should().OnlyContain(e => e.Policy == "fire-lane-check" && e.NotifiedRole == PlatformRoles.SecuritySupervisor)
            .And.HaveCount(missed.Count);
        (await ChecksAsync(estate, "pending")).Items.Should().ContainSingle(c => c.RoutineId == routine.Id);
    }

    [Fact]
    public async Task A_check_done_now_counts_for_the_current_period_and_a_missed_one_stays_missed()
    {
        var estate = await gate.NewEstateAsync();
        var routine = await RoutineSetUpTwoDaysAgoAsync(estate, FireCheckKind.FireEquipment);
        var pending = (await ChecksAsync(estate, "pending")).Items.Single();

        var done = await (await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/fire-safety/routines/{routine.Id}/checks", new { passed = true }, Ct))
            .ReadAsync<FireCheckResponse>(HttpStatusCode.OK);
        var failedWithoutNotes = await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/fire-safety/routines/{routine.Id}/checks", new { passed = false }, Ct);
        var twice = await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/fire-safety/routines/{routine.Id}/checks", new { passed = true }, Ct);

        done.Id.Should().Be(pending.Id);
        done.Status.Should().Be("done");
        (await failedWithoutNotes.ErrorFieldsAsync()).Should().Equal("notes");
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ChecksAsync(estate, "missed")).Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_blocked_fire_lane_alerts_the_security_supervisor_and_is_listed_as_failed_but_a_passed_check_alerts_nobody()
    {
        var estate = await gate.NewEstateAsync();
        var supervisor = await gate.HireAsync(estate, "Security supervisor");
        var lane = await RoutineSetUpTwoDaysAgoAsync(estate, FireCheckKind.FireLane);
        var equipment = await RoutineSetUpTwoDaysAgoAsync(estate, FireCheckKind.FireEquipment);

        var blocked = await (await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/fire-safety/routines/{lane.Id}/checks",
            new { passed = false, notes = "A van parked across the lane" }, Ct)).ReadAsync<FireCheckResponse>(HttpStatusCode.OK);
        var fine = await (await gate.Guard(estate).PostAsJsonAsync($"/api/security-gate/fire-safety/routines/{equipment.Id}/checks", new { passed = true }, Ct))
            .ReadAsync<FireCheckResponse>(HttpStatusCode.OK);

        var alerts = await AlertsAboutAsync(blocked.Id);
        alerts.Should().ContainSingle().Which.Should().Match<NotificationRequested>(n =>
            n.RecipientId == supervisor.StaffId && n.RecipientKind == "staff" && n.Urgency == "urgent" && n.TemplateKey == SupervisorAlerts.FireCheckFailed
            && n.Data["kind"] == FireSafetyApi.FailedKind(FireCheckKind.FireLane) && n.Data["description"] == "A van parked across the lane");
        (await AlertsAboutAsync(fine.Id)).Should().BeEmpty();
        (await ChecksAsync(estate, "failed")).Items.Should().ContainSingle().Which.Id.Should().Be(blocked.Id);
        (await ChecksAsync(estate, "done")).Items.Should().HaveCount(2, "a failed check was done; what it found is a separate matter");
    }

    [Fact]
    public async Task A_missed_fire_check_reaches_the_security_supervisor_once_per_breach()
    {
        var estate = await gate.NewEstateAsync();
        var supervisor = await gate.HireAsync(estate, "Security supervisor");
        await RoutineSetUpTwoDaysAgoAsync(estate, FireCheckKind.FireLane);
        var missed = (await ChecksAsync(estate, "missed")).Items;

        var monitor = gate.Services.GetRequiredService<SlaMonitor<SecurityGateDbContext>>();
        await Eventually.Async(async () =>
        {
            await monitor.CheckAsync(Ct);
            return (await Task.WhenAll(missed.Select(m => AlertsAboutAsync(m.Id)))).All(a => a.Count > 0);
        }, TimeSpan.FromSeconds(30), "each missed check should reach the supervisor");
        await monitor.CheckAsync(Ct);
        var breach = (await gate.OutboxAsync<SlaBreached>()).First(b => b.SubjectId == missed[0].Id);
        var handledAgain = await gate.InScopeAsync(sp => ActivatorUtilities.CreateInstance<DeadlineBreachConsumer>(sp).ConsumeAsync(breach, Ct));

        handledAgain.Should().BeFalse("the same breach arriving again is handled once");
        foreach (var check in missed)
        {
            (await AlertsAboutAsync(check.Id)).Should().ContainSingle().Which.RecipientId.Should().Be(supervisor.StaffId);
        }
    }

    [Fact]
    public async Task Another_estates_staff_cannot_set_up_record_or_read_its_fire_checks_and_nothing_changes()
    {
        var (estate, other) = (await gate.NewEstateAsync(), await gate.NewEstateAsync());
        var routine = await RoutineSetUpTwoDaysAgoAsync(estate, FireCheckKind.FireEquipment);

        var record = await gate.Guard(other).PostAsJsonAsync($"/api/security-gate/fire-safety/routines/{routine.Id}/checks", new { passed = true }, Ct);
        var setUp = await gate.Supervisor(other).PostAsJsonAsync("/api/security-gate/fire-safety/routines",
            new { estateId = estate, kind = "FireLane", location = "West lane", everyDays = 1, dueBy = "09:00" }, Ct);
        var read = await gate.Supervisor(other).GetFromJsonAsync<Page<FireCheckResponse>>($"/api/security-gate/fire-safety/checks?estateId={estate}", ApiJson.Options, Ct);

        record.StatusCode.Should().Be(HttpStatusCode.NotFound);
        setUp.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        read!.Items.Should().BeEmpty();
        (await ChecksAsync(estate, "done")).Items.Should().BeEmpty();
        var routines = await gate.Supervisor(estate).GetFromJsonAsync<FireRoutineResponse[]>($"/api/security-gate/fire-safety/routines?estateId={estate}", ApiJson.Options, Ct);
        routines.Should().ContainSingle();
    }

    [Fact]
    public async Task A_routine_names_every_bad_field_and_a_good_one_has_its_first_check_ahead()
    {
        var estate = await gate.NewEstateAsync();

        var bad = await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/fire-safety/routines",
            new { estateId = estate, kind = "Sprinkler", everyDays = 0, dueBy = "9am" }, Ct);
        var routine = await (await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/fire-safety/routines",
            new { estateId = estate, kind = "FireEquipment", location = "Block 1 hydrants", everyDays = 30, dueBy = "09:00" }, Ct))
            .ReadAsync<FireRoutineResponse>(HttpStatusCode.Created);
        var byGuard = await gate.Guard(estate).PostAsJsonAsync("/api/security-gate/fire-safety/routines",
            new { estateId = estate, kind = "FireLane", location = "Lane", everyDays = 1, dueBy = "09:00" }, Ct);

        (await bad.ErrorFieldsAsync()).Should().BeEquivalentTo("kind", "location", "everyDays", "dueBy");
        routine.NextDueAt.Should().BeAfter(DateTimeOffset.UtcNow).And.BeBefore(DateTimeOffset.UtcNow.AddDays(1));
        byGuard.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Security_plan_evaluations_and_residents_safety_trainings_are_recorded()
    {
        var estate = await gate.NewEstateAsync();

        var evaluation = await (await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/security-plan-evaluations",
            new { estateId = estate, evaluatedOn = "2026-11-20", plan = "Night coverage", rating = 3, findings = "Blind spot at the east fence", actions = "Add a camera" }, Ct))
            .ReadAsync<EvaluationResponse>(HttpStatusCode.Created);
        var training = await (await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/safety-trainings",
            new { estateId = estate, heldOn = "2026-11-22", topic = "Extinguisher use", trainer = "Fire brigade", attendees = 42 }, Ct))
            .ReadAsync<TrainingResponse>(HttpStatusCode.Created);
        var badEvaluation = await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/security-plan-evaluations",
            new { estateId = estate, evaluatedOn = "20/11/2026", rating = 6 }, Ct);
        var badTraining = await gate.Supervisor(estate).PostAsJsonAsync("/api/security-gate/safety-trainings", new { estateId = estate, attendees = -1 }, Ct);

        evaluation.Rating.Should().Be(3);
        training.Attendees.Should().Be(42);
        (await badEvaluation.ErrorFieldsAsync()).Should().BeEquivalentTo("evaluatedOn", "plan", "rating", "findings");
        (await badTraining.ErrorFieldsAsync()).Should().BeEquivalentTo("heldOn", "topic", "trainer", "attendees");
        var trainings = await gate.Supervisor(estate).GetFromJsonAsync<Page<TrainingResponse>>($"/api/security-gate/safety-trainings?estateId={estate}", ApiJson.Options, Ct);
        trainings!.Items.Should().ContainSingle();
    }

    private async Task<List<NotificationRequested>> AlertsAboutAsync(Guid checkId) =>
        [.. (await gate.OutboxAsync<NotificationRequested>()).Where(n => n.Data.GetValueOrDefault("incidentId") == checkId.ToString())];

    private Task<List<SlaEvent>> BreachesAsync(Guid estate) => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Set<SlaEvent>().AsNoTracking()
        .Where(e => e.EstateId == estate && e.Kind == SlaEventKind.Breached).ToListAsync(Ct));
}
