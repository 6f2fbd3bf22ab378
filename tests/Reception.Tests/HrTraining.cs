using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Reception.Tests;

/// <summary>hr-training, played from the test bus: staff and duty rosters as its contracts announce them.</summary>
public static class HrTraining
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Today in the test estates' time zone (Asia/Shanghai).</summary>
    public static DateOnly EstateToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static async Task<StaffHired> HireAsync(
        this ReceptionService reception, Guid estate, string position = PlatformRoles.CustomerServiceSupervisor, string name = "Chen Jing")
    {
        var hired = new StaffHired(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), Guid.NewGuid(), name, position, [], [estate], EstateToday);
        await reception.Bus.Publish(hired);
        await Eventually.Async(() => reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Set<KnownStaffMember>().IgnoreQueryFilters()
            .AnyAsync(s => s.StaffId == hired.StaffId && s.ProfileAsOf == hired.OccurredAt)), Wait, "reception should learn the hire");
        return hired;
    }

    public static async Task EndEmploymentAsync(this ReceptionService reception, StaffHired hired, DateOnly lastDay)
    {
        var ended = new EmploymentEnded(Guid.NewGuid(), DateTimeOffset.UtcNow, hired.EstateId, Guid.NewGuid(), hired.StaffId, lastDay, "resigned");
        await reception.Bus.Publish(ended);
        await Eventually.Async(() => reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Set<KnownStaffMember>().IgnoreQueryFilters()
            .AnyAsync(s => s.StaffId == hired.StaffId && s.LastDay == lastDay)), Wait, "reception should learn the employment ended");
    }

    /// <summary>A shift on today's roster around now: from <paramref name="startedHoursAgo"/> ago to 8 hours on.</summary>
    public static DutyAssignment OnDutyNow(Guid staffId, double startedHoursAgo = 1) =>
        new(staffId, "day", DateTimeOffset.UtcNow.AddHours(-startedHoursAgo), DateTimeOffset.UtcNow.AddHours(8), null, null);

    /// <summary>Publishes (or republishes) the estate's roster for today and waits until reception holds it.</summary>
    public static async Task<DutyRosterPublished> PublishRosterAsync(this ReceptionService reception, Guid estate, params DutyAssignment[] assignments)
    {
        var roster = new DutyRosterPublished(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), EstateToday, assignments);
        await reception.Bus.Publish(roster);
        await Eventually.Async(() => reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Set<KnownDutyRoster>().IgnoreQueryFilters()
            .AnyAsync(r => r.EstateId == roster.EstateId && r.Day == roster.Day && r.AsOf == roster.OccurredAt)), Wait, "reception should hold the roster");
        return roster;
    }

    /// <summary>A customer-service supervisor hired and on the estate's published roster now; returns their staff id.</summary>
    public static async Task<Guid> SupervisorOnDutyAsync(this ReceptionService reception, Guid estate)
    {
        var supervisor = await reception.HireAsync(estate);
        await reception.PublishRosterAsync(estate, OnDutyNow(supervisor.StaffId));
        return supervisor.StaffId;
    }
}
