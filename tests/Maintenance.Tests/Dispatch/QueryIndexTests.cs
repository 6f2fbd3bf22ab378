using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.Maintenance.Tests.Support;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Dispatch;

/// <summary>
/// The queries dispatch and the technician's work list send, planned by PostgreSQL with sequential scans switched off: a
/// table still read sequentially then has no index the query can use.
/// </summary>
public sealed class QueryIndexTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Tables = ["work_orders", "staff_members", "certifications", "duty_shifts"];

    private static readonly (string Table, string[] Indexes)[] MeantIndexes =
    [
        ("staff_members", ["ix_staff_members_estate_ids"]),
        ("certifications", ["ix_certifications_staff_id_trade_post"]),
        ("duty_shifts", ["ix_duty_shifts_estate_id_starts_at_ends_at"]),
        // The technician's list (technician and status) and the estate's list (estate and status).
        ("work_orders (technician)", ["ix_work_orders_technician_id_status_estate_id", "ix_work_orders_technician_id_created_at_id"]),
        ("work_orders (estate)", ["ix_work_orders_estate_id_status_created_at_id", "ix_work_orders_estate_id_created_at_id"]),
    ];

    [Fact]
    public async Task Dispatch_and_the_technicians_work_list_read_every_table_through_an_index()
    {
        var world = await new MaintenanceWorld(maintenance).AnnouncedAsync();
        var plumber = await world.CertifiedTechnicianAsync("Wang", Trades.Plumbing);
        await world.OnDutyAsync(plumber);
        var created = await world.CreateAsync();
        var plans = new QueryPlanRecorder(recording: false);
        await using var db = new MaintenanceDbContext(
            new DbContextOptionsBuilder<MaintenanceDbContext>()
                .UseNpgsql(maintenance.DatabaseConnectionString).UseSnakeCaseNamingConvention().AddInterceptors(plans).Options,
            EstateScope.System);
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == created.Id, Ct);
        plans.Recording = true;

        await Dispatcher.CandidatesAsync(db, order, Trades.Plumbing, WorkOrderDeadlines.AroundTheClock, DateTimeOffset.UtcNow, Ct);
        await Dispatcher.EarliestSlotAsync(db, order, Trades.Plumbing, WorkOrderDeadlines.AroundTheClock, DateTimeOffset.UtcNow, Ct);
        await WorkOrdersApi.ListWorkOrders(db, TimeProvider.System, null, null, "dispatched", plumber, null, null, null, null, Ct);
        await WorkOrdersApi.ListWorkOrders(db, TimeProvider.System, world.EstateId, null, "created", null, null, null, null, null, Ct);

        plans.Plans.Should().HaveCountGreaterThanOrEqualTo(7);
        // And an index meant for each (a full scan of some other index would also avoid "Seq Scan"). Where two indexes
        // serve a query equally, the planner's pick depends on the statistics the module's other tests leave behind.
        var all = string.Join("\n", plans.Plans);
        foreach (var (table, meant) in MeantIndexes)
        {
            meant.Should().Contain(index => all.Contains(index, StringComparison.Ordinal), $"{table} is read through one of its indexes for these queries");
        }

        foreach (var plan in plans.Plans)
        {
            foreach (var table in Tables)
            {
                plan.Should().NotContain($"Seq Scan on {table}", "every dispatch and work-list query needs an index:\n" + plan);
            }
        }
    }
}
