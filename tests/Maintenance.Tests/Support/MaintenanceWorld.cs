using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Maintenance.Tests.Support;

/// <summary>
/// One test's estate as maintenance learns it from other services' real contracts, published on the broker: reception's
/// calendar, hr-training's staff, certifications and roster (hr-training itself is not running in these tests).
/// </summary>
public sealed class MaintenanceWorld(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Guid EstateId { get; } = Guid.NewGuid();

    public MaintenanceService Service => maintenance;

    public HttpClient Supervisor => maintenance.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, EstateId));

    public static HttpClient As(MaintenanceService maintenance, Guid technicianId, Guid estateId, string name = "Technician") =>
        maintenance.CreateClient(new TestCaller(technicianId.ToString(), name, [PlatformRoles.Technician], [estateId], []));

    public HttpClient Technician(Guid technicianId) => As(maintenance, technicianId, EstateId);

    /// <summary>Reception announces the estate (Shanghai, CNY, open every day): its calendar and currency reach maintenance.</summary>
    public async Task<MaintenanceWorld> AnnouncedAsync(string currency = "CNY")
    {
        var days = Enum.GetValues<DayOfWeek>().Select(d => new EstateWorkingDay(d, new(8, 0), new(20, 0))).ToArray();
        await maintenance.Bus.Publish(new EstateRegistered(Guid.NewGuid(), DateTimeOffset.UtcNow, EstateId, Guid.NewGuid(), "North Garden", "Asia/Shanghai", currency, days), Ct);
        await Eventually.Async(() => maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().Set<KnownEstateCalendar>()
            .AnyAsync(c => c.EstateId == EstateId, Ct)), TimeSpan.FromSeconds(30), "the estate's calendar should reach maintenance");
        return this;
    }

    /// <summary>Publishes <paramref name="integrationEvent"/> and waits until maintenance has consumed it.</summary>
    public async Task<T> PublishAsync<T>(T integrationEvent)
        where T : class, IIntegrationEvent
    {
        await maintenance.Bus.Publish(integrationEvent, Ct);
        await ConsumedAsync(integrationEvent.EventId);
        return integrationEvent;
    }

    public Task ConsumedAsync(Guid eventId) =>
        Eventually.Async(() => maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().InboxMessages.AnyAsync(m => m.MessageId == eventId, Ct)),
            TimeSpan.FromSeconds(30), "maintenance should consume the event");

    /// <summary>hr-training hires a technician of <paramref name="trades"/> working in this estate.</summary>
    public async Task<Guid> HiredAsync(string name, params string[] trades)
    {
        var staffId = Guid.NewGuid();
        await PublishAsync(new StaffHired(Guid.NewGuid(), DateTimeOffset.UtcNow, EstateId, Guid.NewGuid(), staffId, name, "technician", trades, [EstateId],
            DateOnly.FromDateTime(DateTime.UtcNow)));
        return staffId;
    }

    public async Task<Guid> CertifiedAsync(Guid staffId, string trade, DateOnly? validUntil = null)
    {
        var certificationId = Guid.NewGuid();
        await PublishAsync(new CertificationGranted(Guid.NewGuid(), DateTimeOffset.UtcNow, EstateId, Guid.NewGuid(), certificationId, staffId, trade, null,
            validUntil ?? DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6)));
        return certificationId;
    }

    /// <summary>Today's roster of the estate: these people on a shift around now (it replaces any earlier roster of the day).</summary>
    public Task<DutyRosterPublished> OnDutyAsync(params Guid[] staff) => RosterAsync(DateTimeOffset.UtcNow, staff);

    public Task<DutyRosterPublished> RosterAsync(DateTimeOffset occurredAt, params Guid[] staff)
    {
        var now = DateTimeOffset.UtcNow;
        return PublishAsync(new DutyRosterPublished(Guid.NewGuid(), occurredAt, EstateId, Guid.NewGuid(), DateOnly.FromDateTime(now.UtcDateTime.AddHours(8)),
            [.. staff.Select(s => new DutyAssignment(s, "day", now.AddHours(-1), now.AddHours(8), null, null))]));
    }

    /// <summary>A technician hired, certified for <paramref name="trade"/> (not yet on the roster).</summary>
    public async Task<Guid> CertifiedTechnicianAsync(string name, string trade)
    {
        var staffId = await HiredAsync(name, trade);
        await CertifiedAsync(staffId, trade);
        return staffId;
    }

    public async Task<WorkOrderResponse> CreateAsync(string trade = "plumbing", string urgency = "Normal", bool chargeable = false, decimal? price = null)
    {
        var response = await Supervisor.PostAsJsonAsync("/api/maintenance/work-orders",
            new CreateWorkOrderCommand(EstateId, Guid.NewGuid(), null, trade, "Leaking valve under the sink", urgency, chargeable, price), ApiJson.Options, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WorkOrderResponse>(ApiJson.Options, Ct))!;
    }

    public async Task<WorkOrderResponse> GetAsync(Guid id) =>
        (await maintenance.CreateClient(TestCaller.GroupAdmin()).GetFromJsonAsync<WorkOrderResponse>($"/api/maintenance/work-orders/{id}", ApiJson.Options, Ct))!;

    /// <summary>An order dispatched to a certified plumber on duty, accepted, with the plumber on site.</summary>
    public async Task<(WorkOrderResponse Order, Guid Plumber)> OnSiteAsync(string urgency = "Normal")
    {
        var plumber = await CertifiedTechnicianAsync("Wang the plumber", "plumbing");
        await OnDutyAsync(plumber);
        var order = await CreateAsync(urgency: urgency);
        (await Supervisor.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/dispatch", new { technicianId = plumber }, ApiJson.Options, Ct))
            .EnsureSuccessStatusCode();
        var technician = Technician(plumber);
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/accept", new { }, ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        (await technician.PostAsJsonAsync($"/api/maintenance/work-orders/{order.Id}/arrive", new { }, ApiJson.Options, Ct)).EnsureSuccessStatusCode();
        return (order, plumber);
    }

    /// <summary>The outbox rows of events of type <typeparamref name="T"/> about <paramref name="id"/> (in their payload).</summary>
    public async Task<int> OutboxCountAsync<T>(Guid id)
    {
        var rows = await maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().OutboxMessages
            .Where(m => m.EventType.StartsWith(typeof(T).FullName + ",")).Select(m => m.Payload).ToListAsync(Ct));
        return rows.Count(payload => payload.Contains(id.ToString(), StringComparison.Ordinal));
    }
}
