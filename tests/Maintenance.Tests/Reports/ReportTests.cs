using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Features.Kpis;
using PropertyPlatform.Maintenance.Features.Plans;
using PropertyPlatform.Maintenance.Features.Reports;
using PropertyPlatform.Maintenance.Features.Store;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Store;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Reports;

public sealed class ReportTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LocalMonth => DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static CompleteWorkOrderCommand Done => new([], 30, TestDone: true, SiteCleaned: true, null, []);

    /// <summary>The service's clock moved on: what is still open then has missed its deadlines.</summary>
    private sealed class Later(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + by;
    }

    private async Task<(MaintenanceWorld World, WorkOrderResponse Met, Guid Plumber)> OneMetOneOpenAsync()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var (order, plumber) = await world.OnSiteAsync();
        (await world.Technician(plumber).PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/complete", Done, ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        await world.CreateAsync(urgency: "Urgent");
        return (world, order, plumber);
    }

    [Fact]
    public async Task SLA_attainment_is_reported_per_urgency_per_technician_and_per_estate_and_open_work_past_its_deadline_is_missed()
    {
        var (world, _, plumber) = await OneMetOneOpenAsync();

        var result = await maintenance.InScopeAsync(sp => ReportsApi.Sla(
            sp.GetRequiredService<MaintenanceDbContext>(), EstateScope.System, new Later(TimeSpan.FromDays(3)), world.EstateId, LocalMonth, null, Ct));

        var report = result.Result.Should().BeOfType<Ok<SlaReportResponse>>().Subject.Value!;
        report.ByEstate.Should().ContainSingle().Which.Should().Be(new SlaAttainment(world.EstateId.ToString(), world.EstateId, 1, 1, 0, 0.5m));
        report.ByUrgency.Single(u => u.Key == "Normal").Should().Match<SlaAttainment>(a => a.Met == 1 && a.Missed == 0 && a.Rate == 1m);
        report.ByUrgency.Single(u => u.Key == "Urgent").Should().Match<SlaAttainment>(a => a.Met == 0 && a.Missed == 1 && a.Rate == 0m);
        report.ByUrgency.Single(u => u.Key == "Emergency").Rate.Should().BeNull("nothing was measured");
        report.ByTechnician.Should().ContainSingle().Which.Should().Match<SlaAttainment>(a => a.Id == plumber && a.Met == 1 && a.Key == "Wang the plumber");
    }

    [Fact]
    public async Task Without_an_estate_the_SLA_report_compares_every_estate_the_caller_sees()
    {
        var (world, _, _) = await OneMetOneOpenAsync();
        var other = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        await other.CreateAsync();
        var both = maintenance.CreateClient(new TestCaller(Guid.NewGuid().ToString(), "Manager", [PlatformRoles.EstateManager], [world.EstateId, other.EstateId], []));

        var report = await both.GetFromJsonAsync<SlaReportResponse>($"/api/maintenance/reports/sla?month={LocalMonth}", ApiJson.Options, Ct);

        report!.ByEstate.Select(e => e.Id).Should().BeEquivalentTo([world.EstateId, other.EstateId], "only the estates the manager is assigned to");
        report.ByEstate.Single(e => e.Id == world.EstateId).Met.Should().Be(1);
        report.ByEstate.Single(e => e.Id == other.EstateId).Pending.Should().Be(1);
    }

    [Fact]
    public async Task Work_still_within_its_deadline_is_pending_not_missed()
    {
        var (world, _, _) = await OneMetOneOpenAsync();

        var report = await world.Supervisor.GetFromJsonAsync<SlaReportResponse>($"/api/maintenance/reports/sla?estateId={world.EstateId}&month={LocalMonth}", ApiJson.Options, Ct);

        report!.ByUrgency.Single(u => u.Key == "Urgent").Should().Match<SlaAttainment>(a => a.Pending == 1 && a.Missed == 0 && a.Rate == null);
    }

    [Fact]
    public async Task Reports_come_as_xlsx_workbooks_and_a_bad_format_or_month_is_a_400_naming_them()
    {
        var (world, _, _) = await OneMetOneOpenAsync();

        var xlsx = await world.Supervisor.GetAsync($"/api/maintenance/reports/ticket-archive?estateId={world.EstateId}&month={LocalMonth}&format=xlsx", Ct);
        var sla = await world.Supervisor.GetAsync($"/api/maintenance/reports/sla?estateId={world.EstateId}&month={LocalMonth}&format=xlsx", Ct);
        var bad = await world.Supervisor.GetAsync($"/api/maintenance/reports/callback-scores?estateId={world.EstateId}&month=2026-13&format=pdf", Ct);

        xlsx.Content.Headers.ContentType!.MediaType.Should().Be(PropertyPlatform.ServiceDefaults.Http.ReportFormat.XlsxContentType);
        sla.Content.Headers.ContentType!.MediaType.Should().Be(PropertyPlatform.ServiceDefaults.Http.ReportFormat.XlsxContentType);
        (await xlsx.Content.ReadAsByteArrayAsync(Ct)).Take(2).Should().Equal((byte)'P', (byte)'K');
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).Should().Contain("\"month\"").And.Contain("\"format\"");
    }

    [Fact]
    public async Task Another_estates_report_is_not_found()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var other = await new MaintenanceWorld(maintenance).AnnouncedAsync();

        var response = await world.Supervisor.GetAsync($"/api/maintenance/reports/ticket-archive?estateId={other.EstateId}&month={LocalMonth}", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_monthly_ticket_archive_keeps_common_area_tickets_apart_from_the_units()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var unitOrder = await world.CreateAsync();
        var lobby = await world.Supervisor.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(world.EstateId, null, "Lobby", "electrical", "Lobby light flickers", "Normal", false, null), ApiJson.Options, Ct);
        var lobbyOrder = (await lobby.Content.ReadFromJsonAsync<WorkOrderResponse>(ApiJson.Options, Ct))!;

        var archive = await world.Supervisor.GetFromJsonAsync<TicketArchiveResponse>(
            $"/api/maintenance/reports/ticket-archive?estateId={world.EstateId}&month={LocalMonth}", ApiJson.Options, Ct);

        archive!.CommonAreas.Select(t => t.Id).Should().Equal(lobbyOrder.Id);
        archive.CommonAreas.Single().Area.Should().Be("Lobby");
        archive.Units.Select(t => t.Id).Should().Equal(unitOrder.Id);
    }

    [Fact]
    public async Task Callback_scores_are_credited_to_the_work_orders_technician_once_per_callback_however_often_they_arrive()
    {
        var (world, order, plumber) = await OneMetOneOpenAsync();
        var callbackId = Guid.NewGuid();
        CallbackCompleted Callback(Guid eventId) => new(eventId, DateTimeOffset.UtcNow, world.EstateId, Guid.NewGuid(), callbackId, order.RequestId ?? Guid.NewGuid(),
            order.Id, null, null, 4, 5, 3, Satisfied: true, WithinDeadline: true);
        var first = Callback(Guid.NewGuid());

        await world.PublishAsync(first);
        await maintenance.Bus.Publish(first, Ct);
        await world.PublishAsync(Callback(Guid.NewGuid()));

        var report = await world.Supervisor.GetFromJsonAsync<CallbackScoresResponse>(
            $"/api/maintenance/reports/callback-scores?estateId={world.EstateId}&month={LocalMonth}", ApiJson.Options, Ct);
        report!.Technicians.Should().ContainSingle().Which.Should().Be(new TechnicianCallbackScores(plumber, "Wang the plumber", 1, 4m, 5m, 3m, 1));
    }

    [Fact]
    public async Task The_KPIs_measure_SLA_attainment_per_urgency_the_stocktake_by_the_24th_and_inspections_on_time()
    {
        var (world, _, _) = await OneMetOneOpenAsync();
        var part = await StoreTests.PartAsync(world, "VALVE-DN15", receive: 2);
        var opened = await world.Supervisor.PostAsJsonAsync("/api/maintenance/store/stocktakes", new OpenStocktakeCommand(world.EstateId, LocalMonth), ApiJson.Options, Ct);
        var stocktake = (await opened.Content.ReadFromJsonAsync<StocktakeResponse>(ApiJson.Options, Ct))!;
        (await world.Supervisor.PutAsJsonAsync($"/api/maintenance/store/stocktakes/{stocktake.Id}/lines/{part.Id}", new CountLineCommand(2, null), ApiJson.Options, Ct))
            .EnsureSuccessStatusCode();
        (await world.Supervisor.PostAsJsonAsync($"/api/maintenance/store/stocktakes/{stocktake.Id}/post", new { }, ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await world.Supervisor.PostAsJsonAsync("/api/maintenance/plans",
            new CreatePlanCommand(world.EstateId, "Inspection", "Fire panel check", null, "Lobby", "general", "Month", 1, today, "00:00", null), ApiJson.Options, Ct))
            .EnsureSuccessStatusCode();
        await maintenance.InScopeAsync(sp => PlanScheduler.CreateDueTasksAsync(sp.GetRequiredService<MaintenanceDbContext>(), DateTimeOffset.UtcNow, Ct));

        var now = (await world.Supervisor.GetFromJsonAsync<KpiReport>($"/api/maintenance/kpis?estateId={world.EstateId}&month={LocalMonth}", ApiJson.Options, Ct))!;
        var later = (await maintenance.InScopeAsync(sp => MaintenanceKpis.Monthly(
            sp.GetRequiredService<MaintenanceDbContext>(), EstateScope.System, new Later(TimeSpan.FromDays(20)), world.EstateId, LocalMonth, Ct))).Value!;

        now.Kpis.Single(k => k.Key == "sla-attainment-normal").Should().Match<Kpi>(k => k.Numerator == 1 && k.Denominator == 1 && k.Actual == 1m);
        now.Kpis.Single(k => k.Key == "sla-attainment-urgent").Denominator.Should().Be(0, "the urgent order is still within its deadline");
        now.Kpis.Single(k => k.Key == "stocktake-by-24th").Should().Match<Kpi>(k => k.Numerator == 1 && k.Denominator == 1);
        now.Kpis.Single(k => k.Key == "inspections-on-time").Denominator.Should().Be(0, "the inspection is not due yet");
        later.Kpis.Single(k => k.Key == "sla-attainment-urgent").Should().Match<Kpi>(k => k.Numerator == 0 && k.Denominator == 1);
        later.Kpis.Single(k => k.Key == "inspections-on-time").Should().Match<Kpi>(k => k.Numerator == 0 && k.Denominator == 1, "an overdue inspection is not on time");
    }

    [Fact]
    public async Task Without_a_stocktake_posted_the_store_misses_the_24th_once_it_has_passed()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        await StoreTests.PartAsync(world, "VALVE-DN15");

        var report = (await maintenance.InScopeAsync(sp => MaintenanceKpis.Monthly(
            sp.GetRequiredService<MaintenanceDbContext>(), EstateScope.System, new Later(TimeSpan.FromDays(30)), world.EstateId, LocalMonth, Ct))).Value!;
        var lastMonth = await world.Supervisor.GetFromJsonAsync<KpiReport>(
            $"/api/maintenance/kpis?estateId={world.EstateId}&month={DateTime.UtcNow.AddHours(8).AddMonths(-1):yyyy-MM}", ApiJson.Options, Ct);

        report.Kpis.Single(k => k.Key == "stocktake-by-24th").Should().Match<Kpi>(k => k.Numerator == 0 && k.Denominator == 1);
        lastMonth!.Kpis.Single(k => k.Key == "stocktake-by-24th").Denominator.Should().Be(0, "the store did not exist by last month's 24th");
    }
}
