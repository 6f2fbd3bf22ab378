using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Maintenance.Features.Plans;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Plans;

public sealed class PlanTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Today in the test estate (Shanghai).</summary>
    private static DateOnly LocalToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string LocalMonth => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A plan due from today's local midnight, so its first task is due at once.</summary>
    private static async Task<PlanResponse> CreatePlanAsync(MaintenanceWorld world, string kind = "Inspection", string unit = "Day", IReadOnlyList<string>? checklist = null)
    {
        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/plans",
            new CreatePlanCommand(world.EstateId, kind, "Plant room round", null, "Plant room", "plumbing", unit, 1,
                LocalToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "00:00", checklist), ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PlanResponse>(ApiJson.Options, Ct))!;
    }

    private Task<int> RunSchedulerAsync(DateTimeOffset now) =>
        maintenance.InScopeAsync(sp => PlanScheduler.CreateDueTasksAsync(sp.GetRequiredService<MaintenanceDbContext>(), now, Ct));

    private Task<List<PlanTask>> TasksAsync(Guid planId) => maintenance.InScopeAsync(sp =>
        sp.GetRequiredService<MaintenanceDbContext>().PlanTasks.AsNoTracking().Where(t => t.PlanId == planId).OrderBy(t => t.DueOn).ToListAsync(Ct));

    private Task<List<WorkOrder>> PlannedOrdersAsync(Guid estateId) => maintenance.InScopeAsync(sp =>
        sp.GetRequiredService<MaintenanceDbContext>().WorkOrders.AsNoTracking().Where(w => w.EstateId == estateId && w.Source == WorkOrderSource.Plan).ToListAsync(Ct));

    [Fact]
    public async Task A_due_plan_creates_one_planned_work_order_per_due_date_even_when_the_job_runs_twice_at_once()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plan = await CreatePlanAsync(world);
        var now = DateTimeOffset.UtcNow;

        await Task.WhenAll(RunSchedulerAsync(now), RunSchedulerAsync(now));
        await RunSchedulerAsync(now);

        var tasks = await TasksAsync(plan.Id);
        var orders = await PlannedOrdersAsync(world.EstateId);
        tasks.Should().ContainSingle().Which.DueOn.Should().Be(LocalToday);
        var order = orders.Should().ContainSingle().Subject;
        tasks[0].WorkOrderId.Should().Be(order.Id);
        order.Urgency.Should().Be(WorkOrderUrgency.Planned);
        order.Area.Should().Be("Plant room");
        order.Trade.Should().Be(Trades.Plumbing);
        (await world.OutboxCountAsync<WorkOrderCreated>(order.Id)).Should().Be(1);

        // The next day's round falls due at the next local midnight: one more, again only once. An hour into that day,
        // not a day and an hour from now: in the last hour of a Shanghai day (15:00–16:00 UTC) that would be two days on.
        var today = tasks[0].DueOn;
        var tomorrow = new DateTimeOffset(today.AddDays(1).ToDateTime(new TimeOnly(1, 0)), TimeSpan.FromHours(8));
        await Task.WhenAll(RunSchedulerAsync(tomorrow), RunSchedulerAsync(tomorrow));

        (await TasksAsync(plan.Id)).Select(t => t.DueOn).Should().Equal(today, today.AddDays(1));
        (await PlannedOrdersAsync(world.EstateId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task An_overdue_plan_is_a_breach_to_the_maintenance_supervisor_on_the_sla_engine()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var planId = await maintenance.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaintenanceDbContext>();
            var calendar = (await db.Set<KnownEstateCalendar>().SingleAsync(c => c.EstateId == world.EstateId, Ct)).ToCalendar();
            var plan = MaintenancePlan.Create(world.EstateId, PlanKind.Inspection, "Daily round", null, "Plant room", Trades.General,
                new PlanFrequency(FrequencyUnit.Day, 1), LocalToday.AddDays(-2), new TimeOnly(8, 0), [], calendar, new Actor("supervisor", "Li"),
                DateTimeOffset.UtcNow.AddDays(-3));
            db.Plans.Add(plan);
            await db.SaveChangesAsync(Ct);
            return plan.Id;
        });
        await RunSchedulerAsync(DateTimeOffset.UtcNow);
        var first = (await TasksAsync(planId)).First();

        await maintenance.Services.GetRequiredService<SlaMonitor<MaintenanceDbContext>>().CheckAsync(Ct);

        var events = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().Set<SlaEvent>().AsNoTracking()
            .Where(e => e.SubjectId == first.Id).ToListAsync(Ct));
        events.Should().Contain(e => e.Kind == SlaEventKind.Breached && e.Policy == PlanDeadlines.Daily.Name && e.NotifiedRole == PlatformRoles.MaintenanceSupervisor);
        var overdue = await world.Supervisor.GetFromJsonAsync<Page<PlanTaskResponse>>(
            $"/api/maintenance/plan-tasks?estateId={world.EstateId}&overdue=true", ApiJson.Options, Ct);
        overdue!.Items.Should().Contain(t => t.Id == first.Id && t.Overdue);
    }

    [Fact]
    public async Task A_plan_without_a_checklist_is_done_when_its_work_order_is_completed()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var plan = await CreatePlanAsync(world, kind: "Preventive", unit: "Month");
        await RunSchedulerAsync(DateTimeOffset.UtcNow);
        var order = (await PlannedOrdersAsync(world.EstateId)).Single();
        var technician = world.Technician(plumber);

        (await world.Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/dispatch", new DispatchCommand(plumber, null), ApiJson.Options, Ct))
            .EnsureSuccessStatusCode();
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/accept", new { }, ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/arrive", new { }, ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        var complete = await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete",
            new CompleteWorkOrderCommand([], 60, true, true, "Serviced", []), ApiJson.Options, Ct);
        complete.StatusCode.Should().Be(HttpStatusCode.OK, await complete.Content.ReadAsStringAsync(Ct));

        var task = (await TasksAsync(plan.Id)).Single();
        task.DoneAt.Should().NotBeNull();
        task.Done.Met.Should().BeTrue();
    }

    [Fact]
    public async Task An_environment_plan_is_inspected_against_its_checklist_and_the_managers_inspection_report_shows_the_result()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plan = await CreatePlanAsync(world, kind: "Environment", unit: "Week", checklist: ["Lobby floor clean", "Lawns mowed"]);
        await RunSchedulerAsync(DateTimeOffset.UtcNow);
        var task = (await TasksAsync(plan.Id)).Single();

        var incomplete = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/plan-tasks/{task.Id}/result",
            new RecordPlanResultCommand([new ChecklistAnswerInput("Lobby floor clean", true, null), new ChecklistAnswerInput("Windows", true, null)], null),
            ApiJson.Options, Ct);
        var recorded = await world.Supervisor.PostAsJsonAsync($"/api/maintenance/plan-tasks/{task.Id}/result",
            new RecordPlanResultCommand([new ChecklistAnswerInput("Lobby floor clean", true, null), new ChecklistAnswerInput("Lawns mowed", false, "Edges overgrown")],
                "Gardener informed"), ApiJson.Options, Ct);
        var manager = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, world.EstateId));
        var report = await manager.GetFromJsonAsync<InspectionReportResponse>(
            $"/api/maintenance/inspection-report?estateId={world.EstateId}&month={LocalMonth}", ApiJson.Options, Ct);

        incomplete.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await incomplete.Content.ReadAsStringAsync(Ct)).Should().Contain("\"answers[1].item\"").And.Contain("\"answers\"").And.Contain("Lawns mowed");
        recorded.StatusCode.Should().Be(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync(Ct));
        var line = report!.Plans.Should().ContainSingle().Subject;
        line.Kind.Should().Be(PlanKind.Environment);
        line.Due.Should().Be(1);
        line.DoneOnTime.Should().Be(1);
        line.FailedItems.Should().Equal("Lawns mowed");
        report.DoneOnTime.Should().Be(1);
    }

    [Fact]
    public async Task Bad_plan_input_is_a_400_naming_every_failing_field_and_stores_nothing()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();

        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/plans",
            new CreatePlanCommand(world.EstateId, "Environment", " ", Guid.NewGuid(), null, "gardening", "Fortnight", 0, "2020-01-01", "25:00", null),
            ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        foreach (var field in new[] { "title", "assetId", "trade", "unit", "every", "firstDueOn", "timeOfDay", "checklist" })
        {
            problem.Should().Contain($"\"{field}\"");
        }

        (await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().Plans.IgnoreQueryFilters()
            .CountAsync(p => p.EstateId == world.EstateId, Ct))).Should().Be(0);
    }

    [Fact]
    public async Task A_plan_whose_first_day_has_passed_in_the_estate_is_refused()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();

        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/plans",
            new CreatePlanCommand(world.EstateId, "Inspection", "Round", null, "Lobby", "general", "Day", 1,
                LocalToday.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "08:00", null), ApiJson.Options, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("\"firstDueOn\"");
    }

    [Fact]
    public async Task Another_estates_plans_are_a_404_to_read_and_a_403_to_write()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plan = await CreatePlanAsync(world, kind: "Environment", unit: "Week", checklist: ["Lobby floor clean"]);
        await RunSchedulerAsync(DateTimeOffset.UtcNow);
        var task = (await TasksAsync(plan.Id)).Single();
        var outsider = maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, Guid.NewGuid()));

        var read = await outsider.GetAsync($"/api/maintenance/plans/{plan.Id}", Ct);
        var report = await outsider.GetAsync($"/api/maintenance/inspection-report?estateId={world.EstateId}&month={LocalMonth}", Ct);
        var create = await outsider.PostAsJsonAsync("/api/maintenance/plans",
            new CreatePlanCommand(world.EstateId, "Inspection", "Round", null, "Lobby", "general", "Day", 1,
                LocalToday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "08:00", null), ApiJson.Options, Ct);
        var result = await outsider.PostAsJsonAsync($"/api/maintenance/plan-tasks/{task.Id}/result",
            new RecordPlanResultCommand([new ChecklistAnswerInput("Lobby floor clean", true, null)], null), ApiJson.Options, Ct);
        var deactivate = await outsider.PostAsJsonAsync($"/api/maintenance/plans/{plan.Id}/deactivate", new { }, ApiJson.Options, Ct);

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        report.StatusCode.Should().Be(HttpStatusCode.NotFound);
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        result.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        deactivate.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await TasksAsync(plan.Id)).Single().DoneAt.Should().BeNull();
    }
}
