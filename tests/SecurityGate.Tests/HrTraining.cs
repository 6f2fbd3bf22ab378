using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.SecurityGate.Tests;

/// <summary>hr-training, played from the test bus: staff, post certifications and rosters as its contracts announce them.</summary>
public static class HrTraining
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>A guard whose token subject is their staff id, as identity issues it.</summary>
    public static HttpClient GuardAccount(this SecurityGateService gate, Guid staffId, Guid estate) =>
        gate.CreateClient(TestCaller.Staff(PlatformRoles.GateGuard, estate) with { Subject = staffId.ToString(), Name = $"Guard {staffId:N}"[..14] });

    public static async Task<StaffHired> HireAsync(this SecurityGateService gate, Guid estate, string position = "Guard", Guid? staffId = null)
    {
        var hired = new StaffHired(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), staffId ?? Guid.NewGuid(), "Zhang Wei", position, [], [estate],
            DateOnly.FromDateTime(DateTime.UtcNow));
        await gate.Bus.Publish(hired);
        await Eventually.Async(() => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Set<KnownStaffMember>()
            .AnyAsync(s => s.StaffId == hired.StaffId && s.ProfileAsOf == hired.OccurredAt)), Wait, "security-gate should learn the hire");
        return hired;
    }

    public static async Task<CertificationGranted> CertifyAsync(this SecurityGateService gate, Guid estate, Guid staffId, string post, int validDays = 365)
    {
        var granted = new CertificationGranted(Guid.NewGuid(), DateTimeOffset.UtcNow, estate, Guid.NewGuid(), Guid.NewGuid(), staffId, null, post,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(validDays));
        await gate.Bus.Publish(granted);
        await gate.CertificationIsAsync(granted.CertificationId, CertificationState.Valid);
        return granted;
    }

    public static Task CertificationIsAsync(this SecurityGateService gate, Guid certificationId, CertificationState state) =>
        Eventually.Async(() => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Set<KnownCertification>()
            .AnyAsync(c => c.CertificationId == certificationId && c.State == state)), Wait, $"security-gate should learn the certification is {state}");

    /// <summary>Publishes <paramref name="roster"/> and waits until security-gate holds it.</summary>
    public static async Task PublishRosterAsync(this SecurityGateService gate, DutyRosterPublished roster)
    {
        await gate.Bus.Publish(roster);
        await Eventually.Async(() => gate.InScopeAsync(sp => sp.GetRequiredService<SecurityGateDbContext>().Set<KnownDutyRoster>()
            .AnyAsync(r => r.EstateId == roster.EstateId && r.Day == roster.Day && r.AsOf == roster.OccurredAt)), Wait, "security-gate should hold the roster");
    }
}
