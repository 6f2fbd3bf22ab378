using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Features.Attendance;

/// <summary>Rostering people and signing them in, as the person themself (their account id is their staff id).</summary>
public static class Attending
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static HttpClient Supervisor(this HrTrainingService hr, params Guid[] estates) =>
        hr.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estates));

    /// <summary>A client signed in as <paramref name="staff"/> (a front-desk clerk's token with their account id).</summary>
    public static HttpClient As(this HrTrainingService hr, StaffResponse staff, string role = PlatformRoles.FrontDeskClerk) =>
        hr.CreateClient(new TestCaller(staff.StaffId.ToString(), staff.DisplayName, [role], staff.EstateIds, []));

    /// <summary>The same caller, for calling a handler directly.</summary>
    public static EstateScope ScopeOf(StaffResponse staff, string role = PlatformRoles.FrontDeskClerk) => EstateScope.For(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new(PlatformClaims.Subject, staff.StaffId.ToString()), new(PlatformClaims.Name, staff.DisplayName), new(PlatformClaims.Role, role),
            .. staff.EstateIds.Select(e => new Claim(PlatformClaims.Estate, e.ToString())),
        ], "test", PlatformClaims.Name, PlatformClaims.Role)));

    /// <summary>A front-desk clerk with a registered device, certified for the front desk for a year.</summary>
    public static async Task<(StaffResponse Staff, string Device)> ClerkWithDeviceAsync(this HrTrainingService hr, Guid estate, string name = "Li Na", string department = "front desk")
    {
        var response = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId = Guid.NewGuid(), displayName = name, position = "front-desk clerk", department, trades = Array.Empty<string>(), homeEstateId = estate,
            estateIds = new[] { estate }, startsOn = Staffing.Day(HrTrainingService.LocalToday.AddDays(-100)),
        }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var staff = (await response.Content.ReadFromJsonAsync<StaffResponse>(ApiJson.Options, Ct))!;
        await hr.CertifyAsync(staff.StaffId, estate, trade: null, post: "front-desk", validUntil: HrTrainingService.LocalToday.AddYears(2));
        var device = $"phone-{Guid.NewGuid():N}";
        (await hr.Supervisor(estate).PostAsJsonAsync("/api/hr-training/attendance/devices", new { staffId = staff.StaffId, deviceId = device }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        return (staff, device);
    }

    /// <summary>Puts <paramref name="staff"/> on the front desk on <paramref name="day"/> and publishes the day.</summary>
    public static async Task RosterAsync(this HrTrainingService hr, Guid estate, StaffResponse staff, DateOnly day, string starts = "08:00", string ends = "17:30")
    {
        var planner = hr.Manager(estate);
        var assigned = await planner.PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = Staffing.Day(day), staffId = staff.StaffId, shift = "day", startsAt = starts, endsAt = ends, post = "front-desk",
        }, Ct);
        assigned.StatusCode.Should().Be(HttpStatusCode.Created, await assigned.Content.ReadAsStringAsync(Ct));
        (await planner.PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = estate, day = Staffing.Day(day) }, Ct)).EnsureSuccessStatusCode();
    }

    /// <summary>An instant given as the estate's (Shanghai) wall clock.</summary>
    public static DateTimeOffset Local(DateOnly day, int hour, int minute) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8)).ToUniversalTime();

    public static Task<AttendanceResponse> SignInAtAsync(this HrTrainingService hr, StaffResponse staff, string device, DateTimeOffset at) =>
        hr.InScopeAsync(async sp => (await AttendanceApi.SignIn(new SignCommand(device), sp.GetRequiredService<HrTrainingDbContext>(),
            sp.GetRequiredService<IEstateCalendars>(), ScopeOf(staff), new FakeTimeProvider(at), Ct)).Value!);

    public static Task<AttendanceResponse> SignOutAtAsync(this HrTrainingService hr, StaffResponse staff, string device, DateTimeOffset at) =>
        hr.InScopeAsync(async sp => (await AttendanceApi.SignOut(new SignCommand(device), sp.GetRequiredService<HrTrainingDbContext>(),
            ScopeOf(staff), new FakeTimeProvider(at), Ct)).Value!);

    public static Task<AttendanceSheetResponse> SheetAtAsync(this HrTrainingService hr, Guid estate, DateOnly month, DateTimeOffset at) =>
        hr.InScopeAsync(sp => AttendanceSheets.ComputeAsync(sp.GetRequiredService<HrTrainingDbContext>(), estate, month, at, Ct));

    /// <summary>The next <paramref name="month"/>'s 12th, at least a week ahead (certifications from <see cref="Staffing"/> last a year).</summary>
    public static DateOnly Upcoming(int month)
    {
        var today = HrTrainingService.LocalToday.AddDays(7);
        var candidate = new DateOnly(today.Year, month, 12);
        return candidate > today ? candidate : candidate.AddYears(1);
    }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
