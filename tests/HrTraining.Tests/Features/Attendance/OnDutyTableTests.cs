using System.Net;
using System.Net.Http.Json;
using ClosedXML.Excel;

namespace PropertyPlatform.HrTraining.Tests.Features.Attendance;

public sealed class OnDutyTableTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sheet_carries_the_months_on_duty_table_of_published_shifts_per_person_and_day()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate, "Duty Clerk", "front desk");
        var (planned, _) = await hr.ClerkWithDeviceAsync(estate, "Only Planned", "front desk");
        var first = Attending.Upcoming(3);
        await hr.RosterAsync(estate, clerk, first);
        await hr.RosterAsync(estate, clerk, first.AddDays(2), "20:00", "08:00");
        // Planned but never published: not on duty.
        (await hr.Manager(estate).PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = estate, day = Staffing.Day(first.AddDays(5)), staffId = planned.StaffId, shift = "day", startsAt = "08:00", endsAt = "17:30", post = "front-desk",
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        var sheet = await hr.SheetAtAsync(estate, Attending.MonthOf(first), Attending.Local(first, 7, 0));

        var row = sheet.OnDuty.Should().ContainSingle().Which;
        (row.StaffId, row.Name, row.Department).Should().Be((clerk.StaffId, "Duty Clerk", "front desk"));
        row.Shifts.Select(s => (s.Day, s.Shift, s.Post, s.Trade)).Should().Equal((first, "day", "front-desk", null), (first.AddDays(2), "day", "front-desk", null));
        row.Shifts[1].EndsAt.Should().Be(Attending.Local(first.AddDays(3), 8, 0), "a night shift ends the next morning");
        sheet.Rows.Should().BeEmpty("no shift of the month has been worked or passed yet, but the duty table shows what is rostered");
    }

    [Fact]
    public async Task The_xlsx_has_the_on_duty_table_as_its_own_sheet_a_day_per_column()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate, "Table Clerk", "front desk");
        var day = Attending.Upcoming(3);
        await hr.RosterAsync(estate, clerk, day);

        var response = await hr.Manager(estate).GetAsync($"/api/hr-training/attendance/sheets?estateId={estate}&month={Staffing.Day(day)[..7]}&format=xlsx", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync(Ct));
        var table = workbook.Worksheet("On duty");
        table.Cell(1, 3 + day.Day).GetDateTime().Should().Be(day.ToDateTime(TimeOnly.MinValue));
        table.Cell(1, 3 + DateTime.DaysInMonth(day.Year, day.Month)).GetDateTime().Day.Should().Be(DateTime.DaysInMonth(day.Year, day.Month), "a column for every day of the month");
        table.Cell(2, 2).GetString().Should().Be("Table Clerk");
        table.Cell(2, 3 + day.Day).GetString().Should().Be("day (front-desk)");
        table.Cell(2, 3 + day.Day + 1).GetString().Should().BeEmpty();
    }
}
