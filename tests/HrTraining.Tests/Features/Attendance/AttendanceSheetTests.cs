using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.HrTraining.Features.Kpis;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features.Attendance;

public sealed class AttendanceSheetTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_monthly_sheet_counts_lateness_absence_and_leave_and_ranks_the_departments()
    {
        var estate = await hr.NewEstateAsync();
        var (punctual, punctualDevice) = await hr.ClerkWithDeviceAsync(estate, "Punctual", "front desk");
        var (tardy, tardyDevice) = await hr.ClerkWithDeviceAsync(estate, "Tardy", "front desk");
        var (guard, _) = await hr.ClerkWithDeviceAsync(estate, "Guard", "security");
        var first = Attending.Upcoming(1);
        var second = first.AddDays(1);
        foreach (var person in new[] { punctual, tardy, guard })
        {
            await hr.RosterAsync(estate, person, first);
            await hr.RosterAsync(estate, person, second);
        }

        await hr.SignInAtAsync(punctual, punctualDevice, Attending.Local(first, 8, 10));
        await hr.SignOutAtAsync(punctual, punctualDevice, Attending.Local(first, 17, 40));
        await hr.SignInAtAsync(punctual, punctualDevice, Attending.Local(second, 8, 20));
        await hr.SignInAtAsync(tardy, tardyDevice, Attending.Local(first, 8, 35));
        var asked = await hr.As(guard).PostAsJsonAsync("/api/hr-training/attendance/leave",
            new { kind = "Sick", from = Staffing.Day(second), until = Staffing.Day(second), reason = "Flu" }, Ct);
        var leave = (await asked.Content.ReadFromJsonAsync<LeaveResponse>(ApiJson.Options, Ct))!;
        // Approved once the day is over (a sick note brought back): the shift stays on the roster, counted as leave.
        var supervisor = await hr.HireAsync([estate], [], name: "Supervisor Su", position: "customer service supervisor");
        await hr.InScopeAsync(sp => LeaveApi.Decide(leave.Id, new DecideLeaveCommand(true, "Get well"), sp.GetRequiredService<HrTrainingDbContext>(),
            sp.GetRequiredService<IEstateCalendars>(), Attending.ScopeOf(supervisor, PlatformRoles.CustomerServiceSupervisor), new CorrelationContext(),
            new FakeTimeProvider(Attending.Local(second, 20, 0)), Ct));

        var sheet = await hr.SheetAtAsync(estate, Attending.MonthOf(first), Attending.Local(first.AddMonths(1), 9, 0));

        var rows = sheet.Rows.ToDictionary(r => r.StaffId);
        rows[punctual.StaffId].Should().BeEquivalentTo(new { Shifts = 2, Attended = 2, OnTime = 2, Late = 0, Absent = 0, MissedSignOut = 1, OnTimeRate = 1m });
        rows[tardy.StaffId].Should().BeEquivalentTo(new { Shifts = 2, Attended = 1, OnTime = 0, Late = 1, MinutesLate = 15, Absent = 1, OnTimeRate = 0m });
        rows[guard.StaffId].Should().BeEquivalentTo(new { Shifts = 2, Attended = 0, OnLeave = 1, Absent = 1, Department = "security" });
        sheet.Ranking.Select(d => (d.Rank, d.Department, d.OnTimeRate)).Should().Equal((1, "front desk", 0.5m), (2, "security", 0m));
    }

    [Fact]
    public async Task The_sheet_comes_as_an_xlsx_workbook_with_the_department_ranking()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, device) = await hr.ClerkWithDeviceAsync(estate, "Workbook Person", "front desk");
        var day = Attending.Upcoming(1);
        await hr.RosterAsync(estate, clerk, day);
        await hr.SignInAtAsync(clerk, device, Attending.Local(day, 8, 0));

        var response = await hr.Manager(estate).GetAsync($"/api/hr-training/attendance/sheets?estateId={estate}&month={Staffing.Day(day)[..7]}&format=xlsx", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(PropertyPlatform.ServiceDefaults.Http.ReportFormat.XlsxContentType);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync(Ct));
        var people = workbook.Worksheet("Attendance");
        people.Cell(2, 2).GetString().Should().Be("Workbook Person");
        people.Cell(2, 6).GetDouble().Should().Be(1, "one on-time sign-in");
        var ranking = workbook.Worksheet("Department ranking");
        ranking.Cell(2, 1).GetDouble().Should().Be(1);
        ranking.Cell(2, 2).GetString().Should().Be("front desk");
    }

    [Fact]
    public async Task Another_estates_sheet_is_not_found_and_a_bad_request_names_every_field()
    {
        var estate = await hr.NewEstateAsync();

        (await hr.Manager(Guid.NewGuid()).GetAsync($"/api/hr-training/attendance/sheets?estateId={estate}&month=2027-01", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await hr.Manager(estate).GetAsync($"/api/hr-training/attendance/sheets?month=January&format=pdf", Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["estateId", "month", "format"]);
    }

    [Fact]
    public async Task The_sheet_is_due_by_the_end_of_the_5th_estate_local_and_a_late_issue_breaches_on_the_sla_engine()
    {
        var onTime = await hr.NewEstateAsync();
        var late = await hr.NewEstateAsync();
        var month = new DateOnly(2027, 1, 1);

        var inTime = await IssueAtAsync(onTime, month, Attending.Local(new DateOnly(2027, 2, 5), 23, 30));
        var opened = await hr.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<HrTrainingDbContext>();
            await AttendanceSheetScheduler.OpenDueAsync(db, Attending.Local(new DateOnly(2027, 2, 1), 0, 30), Ct);
            return await new AttendanceSheetWatch().DueAsync(db, Attending.Local(new DateOnly(2027, 2, 6), 0, 1), 10_000, Ct);
        });
        var overdue = opened.Should().ContainSingle(d => d.EstateId == late).Which;
        overdue.Clock.DueAt.Should().Be(Attending.Local(new DateOnly(2027, 2, 6), 0, 0), "the end of the 5th in the estate");
        overdue.Clock.Evaluate(overdue.Policy, Attending.Local(new DateOnly(2027, 2, 6), 0, 1)).OfType<SlaBreachedAt>().Should().ContainSingle()
            .Which.Role.Should().Be(PlatformRoles.EstateManager);
        opened.Should().NotContain(d => d.EstateId == onTime, "an issued sheet's clock is stopped");
        var lateIssue = await IssueAtAsync(late, month, Attending.Local(new DateOnly(2027, 2, 6), 9, 0));

        inTime.IssuedInTime.Should().BeTrue();
        lateIssue.IssuedInTime.Should().BeFalse();
        var kpi = await SheetKpiAsync(late, month);
        (kpi.Numerator, kpi.Denominator).Should().Be((0, 1));
        kpi = await SheetKpiAsync(onTime, month);
        (kpi.Numerator, kpi.Denominator).Should().Be((1, 1));
    }

    [Fact]
    public async Task A_month_not_yet_over_cannot_be_issued()
    {
        var estate = await hr.NewEstateAsync();

        var issue = () => IssueAtAsync(estate, new DateOnly(2027, 1, 1), Attending.Local(new DateOnly(2027, 1, 31), 23, 0));

        await issue.Should().ThrowAsync<PropertyPlatform.ServiceDefaults.Problems.ConflictException>();
    }

    [Fact]
    public async Task Sign_in_by_0820_is_the_share_of_expected_shifts_signed_into_on_time()
    {
        var estate = await hr.NewEstateAsync();
        var (punctual, punctualDevice) = await hr.ClerkWithDeviceAsync(estate, "Punctual");
        var (tardy, tardyDevice) = await hr.ClerkWithDeviceAsync(estate, "Tardy");
        var day = Attending.Upcoming(1);
        await hr.RosterAsync(estate, punctual, day);
        await hr.RosterAsync(estate, tardy, day);
        await hr.SignInAtAsync(punctual, punctualDevice, Attending.Local(day, 8, 20));
        await hr.SignInAtAsync(tardy, tardyDevice, Attending.Local(day, 8, 21));

        var report = (await hr.Manager(estate).GetFromJsonAsync<KpiReport>($"/api/hr-training/kpis?estateId={estate}&month={Staffing.Day(day)[..7]}", ApiJson.Options, Ct))!;

        var kpi = report.Kpis.Should().ContainSingle(k => k.Key == "sign-in-by-0820").Which;
        (kpi.Numerator, kpi.Denominator, kpi.Target).Should().Be((1, 2, HrTrainingKpis.SignInOnTimeTarget));
    }

    private Task<AttendanceSheetResponse> IssueAtAsync(Guid estate, DateOnly month, DateTimeOffset at) => hr.InScopeAsync(async sp =>
        (await AttendanceSheets.Issue(new IssueSheetCommand(estate, month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)),
            sp.GetRequiredService<HrTrainingDbContext>(), sp.GetRequiredService<IEstateCalendars>(),
            EstateScope.For(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(PlatformClaims.Subject, "manager"), new(PlatformClaims.Role, PlatformRoles.EstateManager), new(PlatformClaims.Estate, estate.ToString())],
                "test", PlatformClaims.Name, PlatformClaims.Role))),
            new FakeTimeProvider(at), Ct)).Value!);

    private async Task<Kpi> SheetKpiAsync(Guid estate, DateOnly month)
    {
        var report = (await hr.Manager(estate).GetFromJsonAsync<KpiReport>(
            $"/api/hr-training/kpis?estateId={estate}&month={month:yyyy-MM}", ApiJson.Options, Ct))!;
        return report.Kpis.Single(k => k.Key == "attendance-sheet-by-5th");
    }
}
