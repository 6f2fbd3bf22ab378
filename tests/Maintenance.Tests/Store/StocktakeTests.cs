using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Store;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Store;

public sealed class StocktakeTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ThisMonth => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<StocktakeResponse> OpenAsync(MaintenanceWorld world)
    {
        var response = await world.Supervisor.PostAsJsonAsync("/api/maintenance/store/stocktakes", new OpenStocktakeCommand(world.EstateId, ThisMonth), ApiJson.Options, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<StocktakeResponse>(ApiJson.Options, Ct))!;
    }

    private static Task<HttpResponseMessage> CountAsync(MaintenanceWorld world, Guid stocktakeId, Guid partId, decimal counted, string? explanation = null) =>
        world.Supervisor.PutAsJsonAsync($"/api/maintenance/store/stocktakes/{stocktakeId}/lines/{partId}", new CountLineCommand(counted, explanation), ApiJson.Options, Ct);

    private static Task<HttpResponseMessage> PostAsync(MaintenanceWorld world, Guid stocktakeId) =>
        world.Supervisor.PostAsJsonAsync($"/api/maintenance/store/stocktakes/{stocktakeId}/post", new { }, ApiJson.Options, Ct);

    private static async Task<PartResponse> PartAsync(MaintenanceWorld world, Guid id) =>
        (await world.Supervisor.GetFromJsonAsync<PartResponse>($"/api/maintenance/store/parts/{id}", ApiJson.Options, Ct))!;

    [Fact]
    public async Task A_variance_without_an_explanation_cannot_be_posted_and_posting_makes_the_book_equal_to_the_count()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var valve = await StoreTests.PartAsync(world, "VALVE-DN15", reorderLevel: 0, receive: 10);
        var fuse = await StoreTests.PartAsync(world, "FUSE-10A", reorderLevel: 0, receive: 4);
        var stocktake = await OpenAsync(world);
        (await CountAsync(world, stocktake.Id, valve.Id, 8)).EnsureSuccessStatusCode();
        (await CountAsync(world, stocktake.Id, fuse.Id, 4)).EnsureSuccessStatusCode();

        var unexplained = await PostAsync(world, stocktake.Id);
        var stillOpen = (await world.Supervisor.GetFromJsonAsync<StocktakeResponse>($"/api/maintenance/store/stocktakes/{stocktake.Id}", ApiJson.Options, Ct))!;
        (await CountAsync(world, stocktake.Id, valve.Id, 8, "Two used on a night call without a work order")).EnsureSuccessStatusCode();
        var posted = await PostAsync(world, stocktake.Id);

        unexplained.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await unexplained.Content.ReadAsStringAsync(Ct)).Should().Contain("VALVE-DN15");
        stillOpen.Lines.Single(l => l.PartId == valve.Id).Should().Match<StocktakeLineResponse>(l => l.Variance == -2 && l.NeedsExplanation);
        posted.StatusCode.Should().Be(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync(Ct));
        var result = (await posted.Content.ReadFromJsonAsync<StocktakeResponse>(ApiJson.Options, Ct))!;
        result.Status.Should().Be(StocktakeStatus.Posted);
        result.Overdue.Should().BeFalse();
        (await PartAsync(world, valve.Id)).OnHand.Should().Be(8);
        (await PartAsync(world, fuse.Id)).OnHand.Should().Be(4);
        var adjustments = (await world.Supervisor.GetFromJsonAsync<Page<StockMovementResponse>>(
            $"/api/maintenance/store/movements?stocktakeId={stocktake.Id}", ApiJson.Options, Ct))!.Items;
        adjustments.Should().ContainSingle().Which.Should().Match<StockMovementResponse>(m =>
            m.Kind == StockMovementKind.StocktakeAdjustment && m.PartId == valve.Id && m.Quantity == -2 && m.Note == "Two used on a night call without a work order");
    }

    [Fact]
    public async Task Every_part_must_be_counted_before_the_stocktake_is_posted()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var valve = await StoreTests.PartAsync(world, "VALVE-DN15", receive: 3);
        await StoreTests.PartAsync(world, "FUSE-10A", receive: 3);
        var stocktake = await OpenAsync(world);
        (await CountAsync(world, stocktake.Id, valve.Id, 3)).EnsureSuccessStatusCode();

        var response = await PostAsync(world, stocktake.Id);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("FUSE-10A");
    }

    [Fact]
    public async Task A_posted_stocktake_can_be_neither_counted_again_nor_posted_twice_and_a_month_has_one_stocktake()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var valve = await StoreTests.PartAsync(world, "VALVE-DN15", receive: 3);
        var stocktake = await OpenAsync(world);
        (await CountAsync(world, stocktake.Id, valve.Id, 3)).EnsureSuccessStatusCode();
        (await PostAsync(world, stocktake.Id)).EnsureSuccessStatusCode();

        var recount = await CountAsync(world, stocktake.Id, valve.Id, 1, "late find");
        var again = await PostAsync(world, stocktake.Id);
        var second = await world.Supervisor.PostAsJsonAsync("/api/maintenance/store/stocktakes", new OpenStocktakeCommand(world.EstateId, ThisMonth), ApiJson.Options, Ct);

        recount.StatusCode.Should().Be(HttpStatusCode.Conflict);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await PartAsync(world, valve.Id)).OnHand.Should().Be(3);
    }

    [Fact]
    public async Task Bad_stocktake_input_is_a_400_naming_every_failing_field()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var valve = await StoreTests.PartAsync(world, "VALVE-DN15", receive: 3);
        var future = DateTimeOffset.UtcNow.AddMonths(2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var open = await world.Supervisor.PostAsJsonAsync("/api/maintenance/store/stocktakes", new OpenStocktakeCommand(world.EstateId, future), ApiJson.Options, Ct);
        var stocktake = await OpenAsync(world);
        var count = await CountAsync(world, stocktake.Id, valve.Id, -1, new string('x', 2001));

        open.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await open.Content.ReadAsStringAsync(Ct)).Should().Contain("\"month\"");
        count.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await count.Content.ReadAsStringAsync(Ct)).Should().Contain("\"counted\"").And.Contain("\"explanation\"");
    }

    [Fact]
    public async Task The_months_stocktake_of_every_store_is_opened_by_itself_once_so_its_deadline_is_watched()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        await StoreTests.PartAsync(world, "VALVE-DN15");

        await maintenance.InScopeAsync(sp => StocktakeScheduler.OpenDueAsync(sp.GetRequiredService<MaintenanceDbContext>(), DateTimeOffset.UtcNow, Ct));
        await maintenance.InScopeAsync(sp => StocktakeScheduler.OpenDueAsync(sp.GetRequiredService<MaintenanceDbContext>(), DateTimeOffset.UtcNow, Ct));

        var stocktakes = await world.Supervisor.GetFromJsonAsync<Page<StocktakeResponse>>(
            $"/api/maintenance/store/stocktakes?estateId={world.EstateId}", ApiJson.Options, Ct);
        stocktakes!.Items.Should().ContainSingle().Which.Month.Should().Be(ThisMonth);
        var clock = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().Stocktakes.IgnoreQueryFilters()
            .Where(s => s.EstateId == world.EstateId).Select(s => s.Deadline.NextCheckAt).SingleAsync(Ct));
        clock.Should().NotBeNull("the SLA monitor watches it");
    }

    [Fact]
    public void The_stocktake_is_due_by_the_end_of_the_24th_estate_local_and_later_is_a_breach_to_the_maintenance_supervisor()
    {
        var calendar = EstateCalendar.Weekdays("Asia/Shanghai", new(9, 0), new(18, 0));
        var stocktake = Stocktake.Open(Guid.NewGuid(), new DateOnly(2026, 11, 1), calendar, new Actor("s", "S"), DateTimeOffset.Parse("2026-11-20T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        stocktake.Deadline.DueAt.Should().Be(DateTimeOffset.Parse("2026-11-24T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "the end of 24 November in Shanghai");
        var transitions = stocktake.Deadline.Evaluate(StocktakeDeadline.Policy, DateTimeOffset.Parse("2026-11-25T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        transitions.OfType<SlaBreachedAt>().Should().ContainSingle().Which.Role.Should().Be(PlatformRoles.MaintenanceSupervisor);
    }

    [Fact]
    public void A_stocktake_posted_by_the_24th_meets_its_deadline()
    {
        var calendar = EstateCalendar.Weekdays("Asia/Shanghai", new(9, 0), new(18, 0));
        var stocktake = Stocktake.Open(Guid.NewGuid(), new DateOnly(2026, 11, 1), calendar, new Actor("s", "S"), DateTimeOffset.Parse("2026-11-20T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        stocktake.Post([], new Actor("s", "S"), DateTimeOffset.Parse("2026-11-24T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        stocktake.Deadline.Met.Should().BeTrue();
        stocktake.Status.Should().Be(StocktakeStatus.Posted);
    }
}
