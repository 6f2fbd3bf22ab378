using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.SecurityGate.Tests.Consumers;

public sealed class OccupantConsumersTests(SecurityGateService gate)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_owner_of_several_units_is_the_host_of_each()
    {
        var estate = Guid.NewGuid();
        Guid[] units = [Guid.NewGuid(), Guid.NewGuid()];
        var registered = new OwnerRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), Guid.NewGuid(), "Li Na", "13812341234", units);

        await gate.Bus.Publish(registered, Ct);

        await Eventually.Async(async () => (await OwnedUnitsAsync(registered.OwnerId)).Count == 2, TimeSpan.FromSeconds(30));
        (await OwnedUnitsAsync(registered.OwnerId)).Should().BeEquivalentTo(units);
    }

    [Fact]
    public async Task A_redelivered_move_out_changes_nothing_the_second_time()
    {
        var estate = await gate.NewEstateAsync();
        var unit = Guid.NewGuid();
        var movedIn = await gate.MoveInAsync(estate, unit);
        var movedOut = new ResidentMovedOut(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), unit, movedIn.ResidentId, movedIn.Kind,
            DateOnly.FromDateTime(DateTime.UtcNow), UnitVacated: true, Readings: null);

        await gate.Bus.Publish(movedOut, Ct);
        await Eventually.Async(() => ResidentAsync(movedIn.ResidentId, r => r.MovedOutOn != null), TimeSpan.FromSeconds(30));
        // The same event twice more (redeliveries), then another resident's move-out behind them on the same queue.
        await gate.Bus.Publish(movedOut, Ct);
        await gate.Bus.Publish(movedOut, Ct);
        var sentinel = movedOut with { EventId = Guid.NewGuid(), ResidentId = Guid.NewGuid() };
        await gate.Bus.Publish(sentinel, Ct);
        await Eventually.Async(() => ResidentAsync(sentinel.ResidentId, r => r.MovedOutOn != null), TimeSpan.FromSeconds(30));

        var inbox = await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().InboxMessages.Where(m => m.MessageId == movedOut.EventId).ToListAsync(Ct));
        inbox.Should().ContainSingle();
        (await gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().UnitResidents.CountAsync(r => r.ResidentId == movedIn.ResidentId, Ct))).Should().Be(1);
    }

    [Fact]
    public async Task A_move_out_that_overtakes_its_move_in_leaves_nobody_living_there()
    {
        var estate = Guid.NewGuid();
        var unit = Guid.NewGuid();
        var residentId = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var movedIn = new ResidentMovedIn(Guid.NewGuid(), at.AddMinutes(-5), estate, Guid.NewGuid(), unit, residentId, Guid.NewGuid(), "Owner",
            DateOnly.FromDateTime(DateTime.UtcNow), new MeterReadings(1m, 1m, null));
        var movedOut = new ResidentMovedOut(Guid.NewGuid(), at, estate, Guid.NewGuid(), unit, residentId, "Owner",
            DateOnly.FromDateTime(DateTime.UtcNow), UnitVacated: true, Readings: null);

        await gate.Bus.Publish(movedOut, Ct);
        await Eventually.Async(() => ResidentAsync(residentId, r => r.MovedOutOn != null), TimeSpan.FromSeconds(30));
        await gate.Bus.Publish(movedIn, Ct);
        await Eventually.Async(() => ResidentAsync(residentId, r => r.MovedInOn != null), TimeSpan.FromSeconds(30));

        (await ResidentAsync(residentId, r => r.LivesThere)).Should().BeFalse();
    }

    private Task<List<Guid>> OwnedUnitsAsync(Guid ownerId) =>
        gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().UnitOwners.Where(o => o.OwnerId == ownerId).Select(o => o.UnitId).ToListAsync(Ct));

    private Task<bool> ResidentAsync(Guid residentId, Func<SecurityGate.Domain.UnitResident, bool> match) => gate.InScopeAsync(async sp =>
    {
        var resident = await sp.GetRequiredService<SecurityGateDbContext>().UnitResidents.AsNoTracking().SingleOrDefaultAsync(r => r.ResidentId == residentId, Ct);
        return resident is not null && match(resident);
    });
}
