using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

[assembly: AssemblyFixture(typeof(PropertyPlatform.Reception.Tests.ReceptionService))]

namespace PropertyPlatform.Reception.Tests;

/// <summary>
/// The reception service for this test assembly; every test makes its own estate, so tests never collide. Its e-mail goes
/// to a real mail catcher (<see cref="ServiceUnderTest{TProgram}.MailInbox"/>) and its SMS to the recording provider.
/// </summary>
public class ReceptionService : ServiceUnderTest<Program>
{
    protected override string DatabaseConnectionName => ReceptionServiceExtensions.DatabaseName;

    public override string Audience => ReceptionServiceExtensions.ServiceName;

    protected override bool SendsMail => true;

    protected override void ConfigureService(IWebHostBuilder web)
    {
        web.UseSetting("Notifications:SmsProvider", "recording");
        web.UseSetting("Notifications:PollInterval", "00:00:01");
    }

    /// <summary>Registers an owner of <paramref name="unitIds"/> in the estate's roster; returns their id.</summary>
    public Task<Guid> AddOwnerAsync(Guid estateId, params Guid[] unitIds) => InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<ReceptionDbContext>();
        var owner = Owner.Register(estateId, "Li Na", $"138{Random.Shared.Next(10_000_000, 99_999_999)}", "110101199003071234", unitIds, DateTimeOffset.UtcNow);
        db.Owners.Add(owner);
        await db.SaveChangesAsync();
        return owner.Id;
    });

    /// <summary>A registered estate of its own for a test, with one building and <paramref name="units"/> units.</summary>
    public Task<(Guid EstateId, Guid[] UnitIds)> NewEstateAsync(int units = 1) => InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<ReceptionDbContext>();
        var now = DateTimeOffset.UtcNow;
        var estate = Estate.Create(Guid.CreateVersion7(), $"Test estate {Guid.NewGuid():N}", "Asia/Shanghai", "CNY", new(8, 30), new(17, 30),
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], now);
        var building = Building.Create(estate.Id, "1", "Building 1", now);
        var registered = Enumerable.Range(1, units)
            .Select(i => Unit.Register(estate.Id, building.Id, $"{100 + i}", 1, 80m, UnitUsage.Residential, UnitStatus.Occupied, now))
            .ToArray();
        db.AddRange(estate, building);
        db.AddRange(registered);
        await db.SaveChangesAsync();
        return (estate.Id, registered.Select(u => u.Id).ToArray());
    });

    /// <summary>The events of type <typeparamref name="TEvent"/> the service has put in its outbox so far.</summary>
    public Task<List<TEvent>> OutboxAsync<TEvent>() => InScopeAsync(async services =>
    {
        var name = typeof(TEvent).FullName!;
        var rows = await services.GetRequiredService<ReceptionDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.EventType.StartsWith(name)).OrderBy(m => m.Sequence).ToListAsync();
        return rows.Select(m => JsonSerializer.Deserialize<TEvent>(m.Payload, ApiJson.Options)!).ToList();
    });

    /// <summary>
    /// One pass of the deadline monitor now, as the timer would run it; a database timeout names the transactions that
    /// held the database up.
    /// </summary>
    public Task<int> CheckDeadlinesAsync() =>
        Stalls.ExplainAsync(() => Services.GetRequiredService<SlaMonitor<ReceptionDbContext>>().CheckAsync(TestContext.Current.CancellationToken));

    /// <summary>One more unit in the estate's first building, with <paramref name="status"/>.</summary>
    public Task<Guid> AddUnitAsync(Guid estateId, UnitStatus status) => InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<ReceptionDbContext>();
        var building = await db.Buildings.Where(b => b.EstateId == estateId).OrderBy(b => b.CreatedAt).FirstAsync();
        var unit = Unit.Register(estateId, building.Id, $"{status}-{Guid.NewGuid():N}"[..30], 2, 60m, UnitUsage.Residential, status, DateTimeOffset.UtcNow);
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        return unit.Id;
    });
}
