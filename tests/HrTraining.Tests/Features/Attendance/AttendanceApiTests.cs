using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features.Attendance;

public sealed class AttendanceApiTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_for_someone_else_is_forbidden_and_the_attempt_is_listed_for_the_supervisor()
    {
        var estate = await hr.NewEstateAsync();
        var (absent, _) = await hr.ClerkWithDeviceAsync(estate, "Absent Colleague");
        var (friend, friendsDevice) = await hr.ClerkWithDeviceAsync(estate, "Helpful Friend");

        var response = await hr.As(friend).PostAsJsonAsync("/api/hr-training/attendance/sign-in", new { deviceId = friendsDevice, staffId = absent.StaffId }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync(Ct));
        var attempts = (await hr.Supervisor(estate).GetFromJsonAsync<Page<ProxyAttemptResponse>>(
            $"/api/hr-training/attendance/proxy-attempts?estateId={estate}", ApiJson.Options, Ct))!;
        var attempt = attempts.Items.Should().ContainSingle().Which;
        attempt.CallerId.Should().Be(friend.StaffId);
        attempt.OnBehalfOfId.Should().Be(absent.StaffId);
        attempt.Reason.Should().Be("OtherPerson");
        attempt.Action.Should().Be("sign-in");
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().AttendanceRecords.AnyAsync(r => r.EstateId == estate, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task Signing_in_from_someone_elses_or_an_unregistered_device_is_forbidden_and_recorded()
    {
        var estate = await hr.NewEstateAsync();
        var (owner, ownersDevice) = await hr.ClerkWithDeviceAsync(estate, "Device Owner");
        var (borrower, _) = await hr.ClerkWithDeviceAsync(estate, "Borrower");

        (await hr.As(borrower).PostAsJsonAsync("/api/hr-training/attendance/sign-in", new { deviceId = ownersDevice }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.As(borrower).PostAsJsonAsync("/api/hr-training/attendance/sign-out", new { deviceId = "never-registered" }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var attempts = (await hr.Supervisor(estate).GetFromJsonAsync<Page<ProxyAttemptResponse>>(
            $"/api/hr-training/attendance/proxy-attempts?estateId={estate}", ApiJson.Options, Ct))!.Items;
        attempts.Should().HaveCount(2);
        attempts.Should().ContainSingle(a => a.Reason == "OtherPersonsDevice" && a.OnBehalfOfId == owner.StaffId && a.CallerId == borrower.StaffId);
        attempts.Should().ContainSingle(a => a.Reason == "UnregisteredDevice" && a.Action == "sign-out" && a.CallerId == borrower.StaffId);
    }

    [Fact]
    public async Task A_device_belongs_to_one_person_and_the_proxy_attempts_of_another_estate_are_not_found()
    {
        var estate = await hr.NewEstateAsync();
        var (_, device) = await hr.ClerkWithDeviceAsync(estate, "First");
        var (second, _) = await hr.ClerkWithDeviceAsync(estate, "Second");

        (await hr.Supervisor(estate).PostAsJsonAsync("/api/hr-training/attendance/devices", new { staffId = second.StaffId, deviceId = device }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await hr.Supervisor(Guid.NewGuid()).GetAsync($"/api/hr-training/attendance/proxy-attempts?estateId={estate}", Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.Supervisor(Guid.NewGuid()).PostAsJsonAsync("/api/hr-training/attendance/devices", new { staffId = second.StaffId, deviceId = "x" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_late_sign_in_and_an_early_sign_out_are_judged_by_the_estates_times_in_estate_time()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, device) = await hr.ClerkWithDeviceAsync(estate);
        var winterDay = Attending.Upcoming(1);
        var summerDay = Attending.Upcoming(7);
        await hr.RosterAsync(estate, clerk, winterDay);
        await hr.RosterAsync(estate, clerk, summerDay);

        var winterIn = await hr.SignInAtAsync(clerk, device, Attending.Local(winterDay, 8, 27));
        var winterOut = await hr.SignOutAtAsync(clerk, device, Attending.Local(winterDay, 17, 20));
        var summerIn = await hr.SignInAtAsync(clerk, device, Attending.Local(summerDay, 8, 19));
        var summerOut = await hr.SignOutAtAsync(clerk, device, Attending.Local(summerDay, 17, 45));

        winterIn.MinutesLate.Should().Be(7);
        winterIn.SignInBy.Should().Be(Attending.Local(winterDay, 8, 20));
        winterOut.MinutesEarly.Should().Be(10, "winter sign-out is after 17:30");
        summerIn.MinutesLate.Should().Be(0);
        summerOut.MinutesEarly.Should().Be(15, "summer sign-out is after 18:00");
    }

    [Fact]
    public async Task An_estates_own_sign_in_time_decides_lateness()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, device) = await hr.ClerkWithDeviceAsync(estate);
        var day = Attending.Upcoming(1);
        (await hr.Manager(estate).PutAsJsonAsync($"/api/hr-training/attendance/settings/{estate}", new
        {
            signInBy = "08:30", meetingFrom = "08:30", meetingUntil = "08:40", handoverFrom = "08:40", handoverUntil = "08:50",
            winterSignOutAfter = "17:00", summerSignOutAfter = "17:30", summerMonths = (int[])[6, 7, 8],
        }, Ct)).EnsureSuccessStatusCode();
        await hr.RosterAsync(estate, clerk, day);

        var signedIn = await hr.SignInAtAsync(clerk, device, Attending.Local(day, 8, 27));
        var signedOut = await hr.SignOutAtAsync(clerk, device, Attending.Local(day, 17, 5));

        signedIn.MinutesLate.Should().Be(0);
        signedOut.MinutesEarly.Should().Be(0);
    }

    [Fact]
    public async Task Bad_settings_are_refused_naming_every_field_and_nothing_is_stored()
    {
        var estate = await hr.NewEstateAsync();

        var response = await hr.Manager(estate).PutAsJsonAsync($"/api/hr-training/attendance/settings/{estate}", new
        {
            signInBy = "8.20", meetingFrom = "08:20", meetingUntil = "08:10", handoverFrom = "08:30", handoverUntil = "08:40",
            winterSignOutAfter = "25:00", summerSignOutAfter = "18:00", summerMonths = (int[])[13],
        }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["signInBy", "meetingUntil", "winterSignOutAfter", "summerMonths"]);
        var settings = (await hr.Manager(estate).GetFromJsonAsync<AttendanceSettingsResponse>($"/api/hr-training/attendance/settings/{estate}", ApiJson.Options, Ct))!;
        settings.IsDefault.Should().BeTrue();
        settings.SignInBy.Should().Be("08:20");
        settings.WinterSignOutAfter.Should().Be("17:30");
        settings.SummerSignOutAfter.Should().Be("18:00");
    }

    [Fact]
    public async Task Without_a_rostered_shift_there_is_nothing_to_sign_into_and_a_shift_is_signed_into_once()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, device) = await hr.ClerkWithDeviceAsync(estate);
        var day = Attending.Upcoming(1);
        await hr.RosterAsync(estate, clerk, day);

        var early = () => hr.SignInAtAsync(clerk, device, Attending.Local(day, 4, 30));
        (await early.Should().ThrowAsync<ConflictException>()).WithMessage("*no rostered shift*");
        await hr.SignInAtAsync(clerk, device, Attending.Local(day, 8, 0));
        var twice = () => hr.SignInAtAsync(clerk, device, Attending.Local(day, 8, 1));
        await twice.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task A_sign_in_without_a_device_names_the_field()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate);

        (await (await hr.As(clerk).PostAsJsonAsync("/api/hr-training/attendance/sign-in", new { }, Ct)).ErrorFieldsAsync()).Should().BeEquivalentTo(["deviceId"]);
    }

    [Fact]
    public async Task A_person_cannot_decide_their_own_leave_and_a_supervisor_can()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate);
        var asked = await hr.As(clerk).PostAsJsonAsync("/api/hr-training/attendance/leave", new
        {
            kind = "Annual", from = Staffing.Day(Attending.Upcoming(1)), until = Staffing.Day(Attending.Upcoming(1).AddDays(2)), reason = "Family visit",
        }, Ct);
        asked.StatusCode.Should().Be(HttpStatusCode.Created, await asked.Content.ReadAsStringAsync(Ct));
        var leave = (await asked.Content.ReadFromJsonAsync<LeaveResponse>(ApiJson.Options, Ct))!;

        (await hr.As(clerk, PlatformRoles.CustomerServiceSupervisor).PostAsJsonAsync($"/api/hr-training/attendance/leave/{leave.Id}/decide", new { approve = true }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.As(clerk).PostAsJsonAsync($"/api/hr-training/attendance/leave/{leave.Id}/decide", new { approve = true }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var decided = await hr.Supervisor(estate).PostAsJsonAsync($"/api/hr-training/attendance/leave/{leave.Id}/decide", new { approve = true, note = "Enjoy" }, Ct);
        decided.StatusCode.Should().Be(HttpStatusCode.OK);
        (await decided.Content.ReadFromJsonAsync<LeaveResponse>(ApiJson.Options, Ct))!.Status.Should().Be("Approved");
        (await hr.Supervisor(Guid.NewGuid()).PostAsJsonAsync($"/api/hr-training/attendance/leave/{leave.Id}/decide", new { approve = false }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_leave_request_with_bad_input_names_every_field()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate);

        var response = await hr.As(clerk).PostAsJsonAsync("/api/hr-training/attendance/leave", new { kind = "Holiday", from = "tomorrow", reason = "" }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["kind", "from", "until", "reason"]);
    }

    [Fact]
    public async Task Staff_read_their_own_attendance()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, device) = await hr.ClerkWithDeviceAsync(estate);
        var (other, otherDevice) = await hr.ClerkWithDeviceAsync(estate, "Other");
        var day = Attending.Upcoming(1);
        await hr.RosterAsync(estate, clerk, day);
        await hr.RosterAsync(estate, other, day);
        await hr.SignInAtAsync(clerk, device, Attending.Local(day, 8, 10));
        await hr.SignInAtAsync(other, otherDevice, Attending.Local(day, 8, 10));

        var mine = (await hr.As(clerk).GetFromJsonAsync<AttendanceResponse[]>($"/api/hr-training/attendance/mine?month={Staffing.Day(day)[..7]}", ApiJson.Options, Ct))!;

        mine.Should().ContainSingle().Which.StaffId.Should().Be(clerk.StaffId);
        (await hr.As(clerk).GetAsync($"/api/hr-training/attendance/records?estateId={estate}", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
