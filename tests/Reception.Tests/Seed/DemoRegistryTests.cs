using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Seed;

namespace PropertyPlatform.Reception.Tests.Seed;

public sealed class DemoRegistryTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<bool> SeedAsync() => reception.InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<DemoRegistry>().SeedAsync(Ct);
        return true;
    });

    [Fact]
    public async Task The_demo_registry_matches_identitys_demo_owners_and_seeding_twice_changes_nothing()
    {
        await SeedAsync();
        await SeedAsync();

        var (units, owners, ownerEvents) = await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var demoUnits = await db.Units.Where(u => u.EstateId == DemoRegistry.North || u.EstateId == DemoRegistry.South).ToListAsync(Ct);
            var demoOwners = await db.Owners.Where(o => o.EstateId == DemoRegistry.North || o.EstateId == DemoRegistry.South).ToListAsync(Ct);
            var events = (await db.OutboxMessages.ToListAsync(Ct))
                .Count(m => m.EventType.StartsWith("PropertyPlatform.Contracts.Reception.OwnerRegistered", StringComparison.Ordinal)
                            && m.Payload.Contains(DemoRegistry.OwnerLiWei.ToString(), StringComparison.Ordinal));
            return (demoUnits, demoOwners, events);
        });

        units.Select(u => u.Id).Should().BeEquivalentTo([DemoRegistry.North1101, DemoRegistry.North1102, DemoRegistry.South1101]);
        owners.Should().ContainSingle(o => o.Id == DemoRegistry.OwnerLiWei && o.Phone == "13800001234" && o.UnitIds.Single() == DemoRegistry.North1101);
        owners.Should().ContainSingle(o => o.Id == DemoRegistry.OwnerZhangMin && o.UnitIds.Single() == DemoRegistry.South1101);
        ownerEvents.Should().Be(1, "an owner is announced once, when created");
    }
}
