using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.HrTraining.Features.Rosters;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class RostersApiTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Tomorrow => HrTrainingService.LocalToday.AddDays(1);

    private HttpClient Planner(Guid estate) => hr.CreateClient(TestCaller.Staff(PlatformRoles.MaintenanceSupervisor, estate));

    private Task<HttpResponseMessage> AssignAsync(Guid estate, Guid staffId, string? trade = "plumbing", string? post = null, string starts = "08:00", string ends = "17:30", DateOnly? day = null) =>
        Planner(estate).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = Staffing.Day(day ?? Tomorrow), staffId, shift = "day", startsAt = starts, endsAt = ends, trade, post,
        }, Ct);

    [Fact]
    public async Task A_person_without_a_valid_certification_cannot_be_put_on_a_duty_roster()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate], name: "Sun Hao");
        await hr.CertifyAsync(staff.StaffId, estate, trade: "electrical");

        var detail = await (await AssignAsync(estate, staff.StaffId, trade: "plumbing")).DetailAsync(HttpStatusCode.Conflict);

        detail.Should().Contain("Sun Hao").And.Contain(staff.StaffId.ToString()).And.Contain("trade 'plumbing'");
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().Shifts.AnyAsync(s => s.StaffId == staff.StaffId, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task A_certification_that_ends_before_the_day_or_before_a_night_shifts_morning_keeps_the_person_off_the_roster()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        await hr.CertifyAsync(staff.StaffId, estate, validUntil: HrTrainingService.LocalToday);

        (await AssignAsync(estate, staff.StaffId, day: HrTrainingService.LocalToday)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await (await AssignAsync(estate, staff.StaffId, day: Tomorrow)).DetailAsync(HttpStatusCode.Conflict)).Should().Contain("ends on");
        (await (await AssignAsync(estate, staff.StaffId, starts: "20:00", ends: "08:00", day: HrTrainingService.LocalToday))
            .DetailAsync(HttpStatusCode.Conflict)).Should().Contain($"to {Staffing.Day(Tomorrow)}", "a night shift runs into tomorrow morning");
    }

    [Fact]
    public async Task A_person_on_approved_leave_cannot_be_put_on_a_shift_on_any_day_of_it()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate], name: "On Holiday");
        await hr.CertifyAsync(staff.StaffId, estate);
        var asked = await hr.As(staff).PostAsJsonAsync("/api/hr-training/attendance/leave",
            new { kind = "Annual", from = Staffing.Day(Tomorrow.AddDays(1)), until = Staffing.Day(Tomorrow.AddDays(2)), reason = "Holiday" }, Ct);
        var leave = (await asked.Content.ReadFromJsonAsync<LeaveResponse>(ApiJson.Options, Ct))!;
        (await AssignAsync(estate, staff.StaffId, day: Tomorrow.AddDays(2))).StatusCode.Should().Be(HttpStatusCode.Created, "leave only asked for is no leave yet");
        (await hr.Supervisor(estate).PostAsJsonAsync($"/api/hr-training/attendance/leave/{leave.Id}/decide", new { approve = true }, Ct)).EnsureSuccessStatusCode();

        var onLeave = await AssignAsync(estate, staff.StaffId, day: Tomorrow.AddDays(2));
        var nightIntoLeave = await AssignAsync(estate, staff.StaffId, starts: "20:00", ends: "08:00", day: Tomorrow);
        var dayBefore = await AssignAsync(estate, staff.StaffId, day: Tomorrow);

        (await onLeave.DetailAsync(HttpStatusCode.Conflict)).Should().Contain("On Holiday").And.Contain("approved leave")
            .And.Contain(Staffing.Day(Tomorrow.AddDays(1)));
        (await nightIntoLeave.DetailAsync(HttpStatusCode.Conflict)).Should().Contain("approved leave", "a night shift runs into the leave's first morning");
        dayBefore.StatusCode.Should().Be(HttpStatusCode.Created);
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().Shifts.CountAsync(s => s.StaffId == staff.StaffId, Ct)))
            .Should().Be(1, "approving the leave removed the shift planned on it, and nothing was stored for the refused ones");
    }

    [Fact]
    public async Task A_person_whose_employment_ended_cannot_be_put_on_a_duty_roster()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        await hr.CertifyAsync(staff.StaffId, estate);
        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}/end",
            new { lastDay = Staffing.Day(HrTrainingService.LocalToday), reason = "Dismissed" }, Ct)).EnsureSuccessStatusCode();

        (await (await AssignAsync(estate, staff.StaffId)).DetailAsync(HttpStatusCode.Conflict)).Should().Contain("employment ended");
    }

    [Fact]
    public async Task Publishing_a_day_publishes_the_whole_roster_on_the_broker()
    {
        var estate = await hr.NewEstateAsync();
        var plumber = await hr.HireAsync([estate], name: "Plumber");
        var guard = await hr.HireAsync([estate], [], name: "Guard", position: "gate guard");
        await hr.CertifyAsync(plumber.StaffId, estate);
        await hr.CertifyAsync(guard.StaffId, estate, trade: null, post: "gate");
        (await AssignAsync(estate, plumber.StaffId)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await AssignAsync(estate, guard.StaffId, trade: null, post: "gate", starts: "20:00", ends: "08:00")).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await Planner(estate).PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = estate, day = Staffing.Day(Tomorrow) }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var published = await hr.PublishedAsync<DutyRosterPublished>(e => e.EstateId == estate);
        published.Day.Should().Be(Tomorrow);
        published.Assignments.Should().HaveCount(2);
        published.Assignments.Should().ContainSingle(a => a.StaffId == plumber.StaffId && a.Trade == "plumbing" && a.Post == null);
        var night = published.Assignments.Single(a => a.StaffId == guard.StaffId);
        night.Post.Should().Be("gate");
        // 20:00 Shanghai is 12:00 UTC; the night shift ends at 08:00 Shanghai the next morning, twelve hours later.
        night.StartsAt.Should().Be(new DateTimeOffset(Tomorrow.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        (night.EndsAt - night.StartsAt).Should().Be(TimeSpan.FromHours(12));
        var roster = await Planner(estate).GetFromJsonAsync<RosterResponse>($"/api/hr-training/rosters?estateId={estate}&day={Staffing.Day(Tomorrow)}", ApiJson.Options, Ct);
        roster!.PublishedAt.Should().NotBeNull();
        roster.Shifts.Should().OnlyContain(s => s.PublishedAt != null);
    }

    [Fact]
    public async Task A_roster_whose_person_lost_the_certification_since_planning_cannot_be_published()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate], name: "Revoked Person");
        var certification = await hr.CertifyAsync(staff.StaffId, estate);
        (await AssignAsync(estate, staff.StaffId)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/certifications/{certification.Id}/revoke", new { reason = "Sanction" }, Ct))
            .EnsureSuccessStatusCode();

        var response = await Planner(estate).PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = estate, day = Staffing.Day(Tomorrow) }, Ct);

        (await response.DetailAsync(HttpStatusCode.Conflict)).Should().Contain("Revoked Person").And.Contain("revoked");
        (await hr.OutboxAsync<DutyRosterPublished>()).Should().NotContain(e => e.EstateId == estate);
    }

    [Fact]
    public async Task Overlapping_shifts_for_one_person_are_refused()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        await hr.CertifyAsync(staff.StaffId, estate);
        (await AssignAsync(estate, staff.StaffId, starts: "08:00", ends: "17:30")).StatusCode.Should().Be(HttpStatusCode.Created);

        (await AssignAsync(estate, staff.StaffId, starts: "17:00", ends: "20:00")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await AssignAsync(estate, staff.StaffId, starts: "17:30", ends: "20:00")).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_shift_with_bad_input_is_refused_naming_every_field_and_stores_nothing()
    {
        var estate = await hr.NewEstateAsync();

        var response = await Planner(estate).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = "someday", shift = "", startsAt = "8am", endsAt = "25:00", trade = "knitting",
        }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["day", "staffId", "shift", "startsAt", "endsAt", "trade"]);
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().Rosters.AnyAsync(r => r.EstateId == estate, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task Another_estates_roster_is_out_of_reach()
    {
        var estate = await hr.NewEstateAsync();
        var other = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        await hr.CertifyAsync(staff.StaffId, estate);

        (await Planner(other).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = Staffing.Day(Tomorrow), staffId = staff.StaffId, shift = "day", startsAt = "08:00", endsAt = "17:00", trade = "plumbing",
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Planner(other).PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = estate, day = Staffing.Day(Tomorrow) }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Planner(other).GetAsync($"/api/hr-training/rosters?estateId={estate}&day={Staffing.Day(Tomorrow)}", Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_shift_in_an_estate_whose_calendar_has_not_arrived_is_a_conflict_not_a_guess_in_another_time_zone()
    {
        var announced = await hr.NewEstateAsync();
        var unannounced = Guid.NewGuid();
        var staff = await hr.HireAsync([announced, unannounced]);

        var response = await Planner(unannounced).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = unannounced, day = Staffing.Day(Tomorrow), staffId = staff.StaffId, shift = "day", startsAt = "08:00", endsAt = "17:00", trade = "plumbing",
        }, Ct);

        (await response.DetailAsync(HttpStatusCode.Conflict)).Should().Contain("not known");
    }
}
