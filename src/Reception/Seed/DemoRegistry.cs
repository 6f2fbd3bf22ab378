using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Seed;

/// <summary>
/// The demo group's registry (Development only, <c>Reception:SeedDemoData</c>): estates North and South, a building
/// each, three units and the two demo owners, with the same ids as identity's demo accounts (README lists them).
/// Idempotent: what exists is left alone; what is created is announced like any registration.
/// </summary>
public sealed class DemoRegistry(ReceptionDbContext db, TimeProvider time, ILogger<DemoRegistry> logger)
{
    public static readonly Guid North = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    public static readonly Guid South = Guid.Parse("0197a000-0000-7000-8000-000000000002");
    public static readonly Guid NorthBuilding1 = Guid.Parse("0197a000-0000-7000-8000-000000000011");
    public static readonly Guid SouthBuilding1 = Guid.Parse("0197a000-0000-7000-8000-000000000021");
    public static readonly Guid North1101 = Guid.Parse("0197a000-0000-7000-8000-000000000101");
    public static readonly Guid North1102 = Guid.Parse("0197a000-0000-7000-8000-000000000102");
    public static readonly Guid South1101 = Guid.Parse("0197a000-0000-7000-8000-000000000201");
    public static readonly Guid OwnerLiWei = Guid.Parse("0197a000-0000-7000-8000-000000000301");
    public static readonly Guid OwnerZhangMin = Guid.Parse("0197a000-0000-7000-8000-000000000302");

    private static readonly DayOfWeek[] MondayToSaturday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var created = 0;
        foreach (var (id, name) in new[] { (North, "North Garden"), (South, "South Lake") })
        {
            if (!await db.Estates.AnyAsync(e => e.Id == id, cancellationToken))
            {
                db.Estates.Add(Estate.Create(id, name, "Asia/Shanghai", "CNY", new(8, 30), new(17, 30), MondayToSaturday, now));
                created++;
            }
        }

        foreach (var (id, estate) in new[] { (NorthBuilding1, North), (SouthBuilding1, South) })
        {
            if (!await db.Buildings.AnyAsync(b => b.Id == id, cancellationToken))
            {
                db.Buildings.Add(Building.Create(estate, "1", "Building 1", now, id));
                created++;
            }
        }

        foreach (var (id, estate, building, number, area) in new[]
                 {
                     (North1101, North, NorthBuilding1, "101", 89.50m),
                     (North1102, North, NorthBuilding1, "102", 120.00m),
                     (South1101, South, SouthBuilding1, "101", 76.25m),
                 })
        {
            if (!await db.Units.AnyAsync(u => u.Id == id, cancellationToken))
            {
                var unit = Unit.Register(estate, building, number, 1, area, UnitUsage.Residential, UnitStatus.Occupied, now, id);
                db.Units.Add(unit);
                db.AddIntegrationEvent(new UnitRegistered(Guid.CreateVersion7(now), now, estate, Guid.Empty, unit.Id, building, unit.Number,
                    unit.FloorArea, unit.Usage.ToString(), unit.Status.ToString()));
                created++;
            }
        }

        foreach (var (id, estate, name, phone, idNumber, unit) in new[]
                 {
                     (OwnerLiWei, North, "Li Wei", "13800001234", "110101198001011234", North1101),
                     (OwnerZhangMin, South, "Zhang Min", "13900005678", "310101198502025678", South1101),
                 })
        {
            if (!await db.Owners.AnyAsync(o => o.Id == id, cancellationToken))
            {
                var owner = Owner.Register(estate, name, phone, idNumber, [unit], now, id);
                db.Owners.Add(owner);
                db.AddIntegrationEvent(new OwnerRegistered(Guid.CreateVersion7(now), now, estate, Guid.Empty, owner.Id, owner.FullName, owner.Phone, owner.UnitIds));
                created++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo registry seeded: {Created} records created", created);
    }
}

/// <summary>Seeds the demo registry before the service serves, after the database migrator (registered before it).</summary>
internal sealed class DemoRegistryStartup(IServiceScopeFactory scopes) : BeforeServingTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoRegistry>().SeedAsync(cancellationToken);
    }
}
