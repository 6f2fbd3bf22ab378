using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PropertyPlatform.Billing.Consumers;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Billing.Tests.Features;

public sealed class RegistryAndChargesTests(BillingService billing)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_move_in_that_overtakes_the_unit_registration_is_kept_and_completed_by_it()
    {
        var estateId = await billing.NewEstateAsync();
        var unitId = Guid.CreateVersion7();

        await billing.MoveInAsync(estateId, unitId, BillingService.LastMonth);
        await Eventually.Async(() => billing.QueryAsync(db => db.Occupancies.AnyAsync(o => o.UnitId == unitId, Ct)), TimeSpan.FromSeconds(30));
        await billing.Bus.Publish(new UnitRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, Guid.NewGuid(), "2-202", 75m, "residential", "active"), Ct);

        await Eventually.Async(() => billing.QueryAsync(db => db.Units.AnyAsync(u => u.UnitId == unitId && u.FloorArea == 75m && u.Stays.Count == 1, Ct)), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_redelivered_move_in_adds_no_second_stay()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var movedIn = new ResidentMovedIn(
            Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, Guid.NewGuid(), Guid.NewGuid(), "Owner", BillingService.LastMonth, new MeterReadings(1m, 1m, null));

        await billing.Bus.Publish(movedIn, Ct);
        var redelivered = movedIn with { EventId = Guid.NewGuid() };
        await billing.Bus.Publish(redelivered, Ct);
        await billing.HandledAsync("ResidentMovedInConsumer", movedIn.EventId, redelivered.EventId);

        (await billing.QueryAsync(db => db.Occupancies.CountAsync(o => o.UnitId == unitId, Ct))).Should().Be(1);
    }

    [Fact]
    public async Task A_new_units_registration_and_owner_handled_at_once_both_apply_on_their_first_attempt()
    {
        var estateId = await billing.NewEstateAsync();
        var unitId = Guid.CreateVersion7();
        var ownerId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var registered = new UnitRegistered(Guid.NewGuid(), now, estateId, Guid.NewGuid(), unitId, Guid.NewGuid(), "3-303", 90m, "residential", "active");
        var owned = new OwnerRegistered(Guid.NewGuid(), now, estateId, Guid.NewGuid(), ownerId, "Li Na", "13800000000", [unitId]);

        // Writes to the units wait behind this lock until both consumers are under way, so both have looked for the
        // unit, found none, before either can add it.
        await using var gate = new NpgsqlConnection(billing.DatabaseConnectionString);
        await gate.OpenAsync(Ct);
        await using var held = await gate.BeginTransactionAsync(Ct);
        await using (var share = new NpgsqlCommand("LOCK TABLE billable_units IN SHARE MODE", gate, held))
        {
            await share.ExecuteNonQueryAsync(Ct);
        }

        // Called directly, not through the broker: MassTransit's retry would hide a first attempt that failed.
        var handling = Task.WhenAll(
            billing.InScopeAsync(sp => new UnitRegisteredConsumer(sp.GetRequiredService<BillingDbContext>(), TimeProvider.System).ConsumeAsync(registered, Ct)),
            billing.InScopeAsync(sp => new OwnerRegisteredConsumer(sp.GetRequiredService<BillingDbContext>(), TimeProvider.System).ConsumeAsync(owned, Ct)));
        await Eventually.Async(async () => await WaitingForLocksAsync() >= 2, TimeSpan.FromSeconds(30), "both consumers should be waiting at the unit");
        await held.RollbackAsync(Ct);

        (await handling).Should().Equal(true, true);
        var unit = await billing.QueryAsync(db => db.Units.SingleAsync(u => u.UnitId == unitId, Ct));
        unit.FloorArea.Should().Be(90m);
        unit.OwnerId.Should().Be(ownerId);
    }

    /// <summary>Sessions of billing's database waiting for a lock (a table's or an advisory one), read afresh each time.</summary>
    private Task<int> WaitingForLocksAsync() => billing.QueryAsync(db => db.Database.SqlQuery<int>(
        $"""
        SELECT count(DISTINCT pid)::int AS "Value" FROM pg_locks
        WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """).SingleAsync(Ct));

    [Fact]
    public async Task A_charge_is_booked_once_per_source_and_source_id_as_an_open_item()
    {
        var estateId = await billing.NewEstateAsync();
        var (unitId, _) = await billing.UnitAsync(estateId, 80m, movedInOn: null);
        var workOrderId = Guid.NewGuid();
        var charge = new ChargeRaised(Guid.NewGuid(), DateTimeOffset.UtcNow, estateId, Guid.NewGuid(), unitId, "paid-service", 120.50m, "CNY", "maintenance", workOrderId, "Tap replaced");

        await billing.Bus.Publish(charge, Ct);
        var raisedAgain = charge with { EventId = Guid.NewGuid() };
        await billing.Bus.Publish(raisedAgain, Ct);
        await billing.HandledAsync("ChargeRaisedConsumer", charge.EventId, raisedAgain.EventId);

        var account = await billing.Cashier(estateId).GetFromJsonAsync<AccountResponse>($"/api/billing/units/{unitId}/account", ApiJson.Options, Ct);
        var item = account!.OpenItems.Should().ContainSingle().Subject;
        (item.FeeItem, item.Outstanding, item.Source, item.SourceId).Should().Be(("paid-service", 120.50m, "maintenance", workOrderId));
        account.Balance.Should().Be(120.50m);
    }
}
