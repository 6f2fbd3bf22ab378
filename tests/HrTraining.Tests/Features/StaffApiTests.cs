using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class StaffApiTests(HrTrainingService hr)
{
    private static readonly string[] PlumbingAndElectrical = ["plumbing", "electrical"];
    private static readonly string[] Plumbing = ["plumbing"];
    private static readonly string[] UnknownTrade = ["astrology"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hiring_opens_the_employment_file_and_publishes_StaffHired_on_the_broker()
    {
        var home = await hr.NewEstateAsync();
        var second = await hr.NewEstateAsync();

        var staff = await hr.HireAsync([home, second], ["plumbing", "hvac"], name: "Zhang Min");

        staff.Status.Should().Be("Active");
        var hired = await hr.PublishedAsync<StaffHired>(e => e.StaffId == staff.StaffId);
        hired.EstateId.Should().Be(home);
        hired.EstateIds.Should().BeEquivalentTo([home, second]);
        hired.Trades.Should().BeEquivalentTo(["plumbing", "hvac"]);
        hired.DisplayName.Should().Be("Zhang Min");
        hired.StartsOn.Should().Be(staff.StartsOn);
    }

    [Fact]
    public async Task Changing_a_file_publishes_its_whole_new_state_as_StaffChanged()
    {
        var home = await hr.NewEstateAsync();
        var other = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([home]);

        var response = await hr.Hr(home, other).PutAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}", new
        {
            displayName = "Wang Wei",
            position = "senior technician",
            trades = PlumbingAndElectrical,
            homeEstateId = other,
            estateIds = new[] { home, other },
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var changed = await hr.PublishedAsync<StaffChanged>(e => e.StaffId == staff.StaffId);
        changed.EstateId.Should().Be(other);
        changed.Position.Should().Be("senior technician");
        changed.Trades.Should().BeEquivalentTo(["plumbing", "electrical"]);
        changed.EstateIds.Should().BeEquivalentTo([home, other]);
    }

    [Fact]
    public async Task Ending_an_employment_publishes_EmploymentEnded_and_closes_the_file()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        var lastDay = Staffing.Day(HrTrainingService.LocalToday);

        var response = await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}/end", new { lastDay, reason = "Resigned" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var ended = await hr.PublishedAsync<EmploymentEnded>(e => e.StaffId == staff.StaffId);
        ended.LastDay.Should().Be(HrTrainingService.LocalToday);
        ended.Reason.Should().Be("Resigned");
        ended.EstateId.Should().Be(estate);

        var again = await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}/end", new { lastDay, reason = "Again" }, Ct);
        (await again.DetailAsync(HttpStatusCode.Conflict)).Should().Contain("already ended");
        var change = await hr.Hr(estate).PutAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}", new
        {
            displayName = "Wang Wei", position = "technician", trades = Plumbing, homeEstateId = estate, estateIds = new[] { estate },
        }, Ct);
        change.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await hr.OutboxAsync<EmploymentEnded>()).Should().ContainSingle(e => e.StaffId == staff.StaffId);
    }

    [Fact]
    public async Task A_future_last_day_keeps_the_account_until_the_day_is_over_in_the_estate_then_ends_the_employment_once()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        await hr.CertifyAsync(staff.StaffId, estate);
        var lastDay = HrTrainingService.LocalToday.AddDays(3);

        var response = await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}/end", new { lastDay = Staffing.Day(lastDay), reason = "Resigned" }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await response.Content.ReadFromJsonAsync<StaffResponse>(ApiJson.Options, Ct))!.Should().BeEquivalentTo(new { Status = "Ending", LastDay = (DateOnly?)lastDay });
        var shift = new { estateId = estate, staffId = staff.StaffId, shift = "day", startsAt = "08:00", endsAt = "17:30", trade = "plumbing" };
        (await hr.Manager(estate).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            shift.estateId, day = Staffing.Day(lastDay), shift.staffId, shift.shift, shift.startsAt, shift.endsAt, shift.trade,
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created, "the person works until their last day");
        (await (await hr.Manager(estate).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            shift.estateId, day = Staffing.Day(lastDay.AddDays(1)), shift.staffId, shift.shift, shift.startsAt, shift.endsAt, shift.trade,
        }, Ct)).DetailAsync(HttpStatusCode.Conflict)).Should().Contain($"ends on {Staffing.Day(lastDay)}");

        await EndDueAsync(Attending.Local(lastDay, 23, 50));
        var endedOnTheLastDay = (await hr.OutboxAsync<EmploymentEnded>()).Where(e => e.StaffId == staff.StaffId).ToList();
        await Task.WhenAll(EndDueAsync(Attending.Local(lastDay.AddDays(1), 0, 10)), EndDueAsync(Attending.Local(lastDay.AddDays(1), 0, 10)));
        await EndDueAsync(Attending.Local(lastDay.AddDays(2), 9, 0));

        endedOnTheLastDay.Should().BeEmpty("the last day has ten minutes to go in the estate: identity must not disable the account yet");
        var ended = (await hr.OutboxAsync<EmploymentEnded>()).Should().ContainSingle(e => e.StaffId == staff.StaffId).Which;
        (ended.LastDay, ended.Reason).Should().Be((lastDay, "Resigned"));
        (await hr.Manager(estate).GetFromJsonAsync<StaffResponse>($"/api/hr-training/staff/{staff.StaffId}", ApiJson.Options, Ct))!.Status.Should().Be("Ended");
    }

    [Fact]
    public async Task A_last_day_already_past_ends_the_employment_at_once()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);
        var lastDay = HrTrainingService.LocalToday.AddDays(-2);

        var response = await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}/end", new { lastDay = Staffing.Day(lastDay), reason = "Walked out" }, Ct);

        (await response.Content.ReadFromJsonAsync<StaffResponse>(ApiJson.Options, Ct))!.Status.Should().Be("Ended");
        (await hr.OutboxAsync<EmploymentEnded>()).Should().ContainSingle(e => e.StaffId == staff.StaffId).Which.LastDay.Should().Be(lastDay);
    }

    private Task<int> EndDueAsync(DateTimeOffset now) => hr.InScopeAsync(sp => EmploymentEndings.EndDueAsync(
        sp.GetRequiredService<HrTrainingDbContext>(), sp.GetRequiredService<IEstateCalendars>(), now, NullLogger.Instance, Ct));

    [Fact]
    public async Task A_hire_with_bad_input_is_refused_naming_every_field_and_stores_nothing()
    {
        var estate = await hr.NewEstateAsync();
        var staffId = Guid.NewGuid();

        var response = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId,
            displayName = " ",
            position = new string('p', 101),
            trades = UnknownTrade,
            homeEstateId = Guid.NewGuid(),
            estateIds = new[] { estate },
            startsOn = "01/12/2026",
        }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["displayName", "position", "trades", "homeEstateId", "startsOn"]);
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().Staff.AnyAsync(s => s.Id == staffId, Ct))).Should().BeFalse();
        (await hr.OutboxAsync<StaffHired>()).Should().NotContain(e => e.StaffId == staffId);
    }

    [Fact]
    public async Task Hiring_the_same_account_twice_is_a_conflict()
    {
        var estate = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([estate]);

        var response = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId = staff.StaffId, displayName = "Copy", position = "guard", trades = Array.Empty<string>(), homeEstateId = estate,
            estateIds = new[] { estate }, startsOn = Staffing.Day(HrTrainingService.LocalToday),
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_staff_file_is_visible_in_every_estate_the_person_works_in_and_not_found_elsewhere()
    {
        var home = await hr.NewEstateAsync();
        var second = await hr.NewEstateAsync();
        var elsewhere = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([home, second]);

        (await hr.Manager(second).GetAsync($"/api/hr-training/staff/{staff.StaffId}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await hr.Manager(elsewhere).GetAsync($"/api/hr-training/staff/{staff.StaffId}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var listed = await hr.Manager(elsewhere).GetFromJsonAsync<Page<StaffResponse>>($"/api/hr-training/staff?estateId={home}", ApiJson.Options, Ct);
        listed!.Items.Should().BeEmpty();
        var end = await hr.Manager(elsewhere).PostAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}/end", new { lastDay = "2026-12-01", reason = "x" }, Ct);
        end.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Hiring_into_an_estate_the_caller_is_not_assigned_to_is_forbidden()
    {
        var mine = await hr.NewEstateAsync();
        var theirs = await hr.NewEstateAsync();
        var staffId = Guid.NewGuid();

        var response = await hr.Hr(mine).PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId, displayName = "Liu Yang", position = "guard", trades = Array.Empty<string>(), homeEstateId = mine,
            estateIds = new[] { mine, theirs }, startsOn = Staffing.Day(HrTrainingService.LocalToday),
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().Staff.AnyAsync(s => s.Id == staffId, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task Only_HR_and_the_estate_manager_keep_employment_files()
    {
        var estate = await hr.NewEstateAsync();

        var response = await hr.CreateClient(TestCaller.Clerk(estate)).PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId = Guid.NewGuid(), displayName = "Self Hired", position = "clerk", trades = Array.Empty<string>(), homeEstateId = estate,
            estateIds = new[] { estate }, startsOn = Staffing.Day(HrTrainingService.LocalToday),
        }, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await hr.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estate)).GetAsync("/api/hr-training/staff", Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_staff_list_is_keyset_paged_newest_hire_first_and_filtered_by_estate_status_and_trade()
    {
        var estate = await hr.NewEstateAsync();
        var first = await hr.HireAsync([estate], ["plumbing"], name: "First");
        var second = await hr.HireAsync([estate], ["electrical"], name: "Second");
        var third = await hr.HireAsync([estate], ["plumbing"], name: "Third");
        var manager = hr.Manager(estate);

        var page1 = await manager.GetFromJsonAsync<Page<StaffResponse>>($"/api/hr-training/staff?estateId={estate}&limit=2", ApiJson.Options, Ct);
        var page2 = await manager.GetFromJsonAsync<Page<StaffResponse>>(
            $"/api/hr-training/staff?estateId={estate}&limit=2&cursor={page1!.NextCursor}", ApiJson.Options, Ct);
        var plumbers = await manager.GetFromJsonAsync<Page<StaffResponse>>($"/api/hr-training/staff?estateId={estate}&trade=plumbing&status=active", ApiJson.Options, Ct);

        page1.Items.Select(s => s.StaffId).Should().Equal(third.StaffId, second.StaffId);
        page2!.Items.Select(s => s.StaffId).Should().Equal(first.StaffId);
        page2.NextCursor.Should().BeNull();
        plumbers!.Items.Select(s => s.StaffId).Should().BeEquivalentTo([first.StaffId, third.StaffId]);
        (await (await manager.GetAsync($"/api/hr-training/staff?status=retired&trade=knitting", Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["status", "trade"]);
    }

    [Fact]
    public async Task Only_the_home_estate_ends_an_employment_and_a_change_needs_every_estate_it_touches()
    {
        var home = await hr.NewEstateAsync();
        var borrowing = await hr.NewEstateAsync();
        var staff = await hr.HireAsync([home, borrowing]);

        var end = await hr.Manager(borrowing).PostAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}/end",
            new { lastDay = Staffing.Day(HrTrainingService.LocalToday), reason = "Not theirs to end" }, Ct);
        var change = await hr.Manager(home).PutAsJsonAsync($"/api/hr-training/staff/{staff.StaffId}", new
        {
            displayName = "Wang Wei", position = "technician", trades = Plumbing, homeEstateId = home, estateIds = new[] { home },
        }, Ct);

        end.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        change.StatusCode.Should().Be(HttpStatusCode.Forbidden, "taking the person out of the other estate is a change there too");
        (await hr.Manager(home).GetFromJsonAsync<StaffResponse>($"/api/hr-training/staff/{staff.StaffId}", ApiJson.Options, Ct))!
            .Should().Match<StaffResponse>(s => s.Status == "Active" && s.EstateIds.Length == 2);
    }
}
