using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// HR and training at North Garden (the trainer, who is the demo group's HR): certifications about to expire, a course
/// created and a session of it scheduled and filled from the console, a training session's attendance and exam, and
/// the month's attendance sheet with hr-training's XLSX; each against hr-training.
/// </summary>
public sealed class TrainingTests(BrowserSystem system) : BrowserTest(system)
{
    private const string TrainerNorth = "trainer.north";
    private static readonly string[] Plumbing = ["plumbing"];
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeZoneInfo NorthZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateOnly NorthToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, NorthZone).DateTime);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Unique(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 7)];

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, Ct);
    }

    /// <summary>A plumber of North (the demo group has no employment files) whose plumbing certification ends in 10 days.</summary>
    private static async Task<Guid> PlumberCertifiedFor10MoreDaysAsync(HttpClient trainer, string name)
    {
        var staffId = Guid.NewGuid();
        await Eventually.Async(async () => (await trainer.PostAsJsonAsync("/api/hr-training/staff", new
        {
            staffId, displayName = name, position = "technician", trades = Plumbing, homeEstateId = DemoGroup.North,
            estateIds = new[] { DemoGroup.North }, startsOn = Day(NorthToday.AddDays(-300)),
        }, Ct)).IsSuccessStatusCode, WaitLimit, $"hr-training hires {name} once it knows North's calendar");
        await CreatedAsync(await trainer.PostAsJsonAsync("/api/hr-training/certifications", new
        {
            staffId, estateId = DemoGroup.North, trade = "plumbing", validFrom = Day(NorthToday.AddDays(-300)), validUntil = Day(NorthToday.AddDays(10)),
        }, Ct));
        return staffId;
    }

    [Fact]
    public async Task The_trainer_sees_a_certification_ending_in_10_days_on_the_expiry_list()
    {
        var name = Unique("Chen Jing");
        using var trainer = await System.ApiAsync(TrainerNorth, Ct);
        await PlumberCertifiedFor10MoreDaysAsync(trainer, name);

        await SignInAsync("/", TrainerNorth);

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/training/certifications"));
        var row = Page.Locator("tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Trade: plumbing");
        await Assertions.Expect(row).ToContainTextAsync("10 days");
        await AssertAccessibleAsync();
        await SaveDocumentationScreenshotAsync("training-expiring.png");
    }

    [Fact]
    public async Task The_trainer_records_attendance_and_an_exam_result_on_a_session_and_a_score_out_of_range_is_shown_next_to_the_field()
    {
        var name = Unique("Sun Hao");
        var title = Unique("Plumbing refresher");
        using var trainer = await System.ApiAsync(TrainerNorth, Ct);
        var staffId = await PlumberCertifiedFor10MoreDaysAsync(trainer, name);
        var course = await CreatedAsync(await trainer.PostAsJsonAsync("/api/hr-training/training/courses", new
        {
            estateId = DemoGroup.North, title, category = "Skills", trade = "plumbing", passMark = 60, maxAttempts = 2, requiresPracticalCheck = false,
            validityMonths = 12,
        }, Ct));
        var session = await CreatedAsync(await trainer.PostAsJsonAsync("/api/hr-training/training/sessions",
            new { courseId = course.GetProperty("id").GetGuid(), startsAt = $"{Day(NorthToday)}T09:00" }, Ct));
        var enrolment = await CreatedAsync(await trainer.PostAsJsonAsync($"/api/hr-training/training/sessions/{session.GetProperty("id").GetGuid()}/enrolments",
            new { staffId }, Ct));

        await SignInAsync("/training/sessions", TrainerNorth);
        await Assertions.Expect(Page.Locator("tr", new() { HasText = title })).ToContainTextAsync("9:00");
        await Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await WaitForInteractiveFormAsync();
        var row = Page.Locator("tr", new() { HasText = name });
        await row.Locator("fluent-button", new() { HasText = "Present" }).ClickAsync();
        await Assertions.Expect(row.Locator("fluent-button")).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToContainTextAsync("Present");

        await FillFieldAsync("score", "150");
        await Button("Record an exam result").ClickAsync();
        await Assertions.Expect(Page.Locator("#score-field")).ToContainTextAsync("0 to 100");
        await AssertAccessibleAsync();
        await FillFieldAsync("score", "85");
        await Button("Record an exam result").ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("Best score 85");
        await Assertions.Expect(row).ToContainTextAsync("Passed");
        var stored = await trainer.GetFromJsonAsync<JsonElement>($"/api/hr-training/training/enrolments/{enrolment.GetProperty("id").GetGuid()}", ApiJson.Options, Ct);
        (stored.GetProperty("attended").GetBoolean(), stored.GetProperty("bestScore").GetInt32(), stored.GetProperty("outcome").GetString())
            .Should().Be((true, 85, "Passed"));
    }

    [Fact]
    public async Task The_trainer_creates_a_course_schedules_a_session_of_it_tomorrow_afternoon_and_enrols_a_plumber()
    {
        var name = Unique("Zhou Min");
        var title = Unique("Pump room safety");
        using var trainer = await System.ApiAsync(TrainerNorth, Ct);
        var staffId = await PlumberCertifiedFor10MoreDaysAsync(trainer, name);

        await SignInAsync("/", TrainerNorth);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Training courses" }).Last.ClickAsync();
        await WaitForInteractiveFormAsync();
        await FillFieldAsync("title", title);
        await ChooseAsync("category", "Skills");
        await ChooseAsync("trade", "Plumbing");
        await FillFieldAsync("passMark", "150");
        await Button("Create the course").ClickAsync();
        await Assertions.Expect(Page.Locator("#passMark-field")).ToContainTextAsync("1 to 100");
        await FillFieldAsync("passMark", "70");
        await Button("Create the course").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("course-created")).ToContainTextAsync(title);
        var courseRow = Page.Locator("tr[data-course-id]", new() { HasText = title });
        await Assertions.Expect(courseRow).ToContainTextAsync("Trade: Plumbing");

        // Tomorrow at 14:30 on North Garden's clock (Asia/Shanghai), whatever the browser's own time zone.
        await courseRow.Locator("fluent-button").ClickAsync();
        var startsAt = Page.Locator("input#startsAt");
        await Assertions.Expect(startsAt).ToHaveValueAsync($"{Day(NorthToday.AddDays(1))}T09:00");
        await startsAt.FillAsync($"{Day(NorthToday.AddDays(1))}T14:30");
        await startsAt.PressAsync("Tab");
        await AssertAccessibleAsync();
        await Page.Locator("form fluent-button", new() { HasText = "Schedule a session" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("session-scheduled")).ToContainTextAsync("2:30");

        await Page.GetByTestId("session-scheduled").GetByRole(AriaRole.Link, new() { Name = "Open the session" }).ClickAsync();
        await Page.WaitForURLAsync(new Regex("/training/sessions/[0-9a-f-]{36}"));
        var sessionId = Guid.Parse(Regex.Match(Page.Url, "/training/sessions/([0-9a-f-]{36})").Groups[1].Value);
        await WaitForInteractiveFormAsync();
        await ChooseAsync("staffId", name);
        await Button("Enrol").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("staff-enrolled")).ToContainTextAsync($"{name} is enrolled.");
        await Assertions.Expect(Page.Locator("tr[data-enrolment-id]", new() { HasText = name })).ToContainTextAsync("In progress");
        await AssertAccessibleAsync();

        var session = await trainer.GetFromJsonAsync<JsonElement>($"/api/hr-training/training/sessions/{sessionId}", ApiJson.Options, Ct);
        var tomorrowAtHalfPastTwo = NorthToday.AddDays(1).ToDateTime(new TimeOnly(14, 30));
        session.GetProperty("startsAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(tomorrowAtHalfPastTwo, NorthZone.GetUtcOffset(tomorrowAtHalfPastTwo)));
        var course = await trainer.GetFromJsonAsync<JsonElement>(
            $"/api/hr-training/training/courses/{session.GetProperty("courseId").GetGuid()}", ApiJson.Options, Ct);
        (course.GetProperty("title").GetString(), course.GetProperty("category").GetString(), course.GetProperty("trade").GetString(), course.GetProperty("passMark").GetInt32())
            .Should().Be((title, "Skills", "plumbing", 70));
        var enrolments = await trainer.GetFromJsonAsync<JsonElement>($"/api/hr-training/training/sessions/{sessionId}/enrolments", ApiJson.Options, Ct);
        enrolments.EnumerateArray().Select(e => e.GetProperty("enrolment").GetProperty("staffId").GetGuid()).Should().Equal(staffId);
    }

    private async Task ChooseAsync(string field, string option)
    {
        await Page.Locator($"#{field}").ClickAsync();
        await Page.Locator($"#{field} fluent-option", new() { HasText = option }).ClickAsync();
    }

    [Fact]
    public async Task The_trainer_views_the_months_attendance_sheet_and_downloads_hr_trainings_XLSX()
    {
        // Someone on today's published roster: the workbook's on-duty table has their row, today's cell their shift.
        var name = Unique("Qian Yu");
        using var trainer = await System.ApiAsync(TrainerNorth, Ct);
        var staffId = await PlumberCertifiedFor10MoreDaysAsync(trainer, name);
        await CreatedAsync(await trainer.PostAsJsonAsync("/api/hr-training/rosters/shifts", new
        {
            estateId = DemoGroup.North, day = Day(NorthToday), staffId, shift = "day", trade = "plumbing", startsAt = "09:00", endsAt = "17:00",
        }, Ct));
        var published = await trainer.PostAsJsonAsync("/api/hr-training/rosters/publish", new { estateId = DemoGroup.North, day = Day(NorthToday) }, Ct);
        published.StatusCode.Should().Be(HttpStatusCode.OK, await published.Content.ReadAsStringAsync(Ct));

        await SignInAsync("/training/attendance", TrainerNorth);
        var month = NorthToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Attendance sheet");
        await AssertAccessibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("download").ClickAsync());

        download.SuggestedFilename.Should().Be($"attendance-{month}.xlsx");
        var file = await download.PathAsync();
        // hr-training's workbook as it reached the browser: its sheets, headings and the roster's row, not only a zip header.
        await using var stream = File.OpenRead(file);
        using var sheet = new XLWorkbook(stream);
        sheet.Worksheet("Attendance").Row(1).Cell(2).GetString().Should().Be("Name");
        var onDuty = sheet.Worksheet("On duty");
        var row = onDuty.RowsUsed().Single(r => r.Cell(2).GetString() == name);
        row.Cell(1).GetString().Should().Be(staffId.ToString());
        row.Cell(3 + NorthToday.Day).GetString().Should().Be("day (plumbing)", "today's column holds the published shift");
    }
}
