using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPlatform.EndToEndTests;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.BrowserTests;

/// <summary>
/// HR and training at North Garden (the trainer, who is the demo group's HR): certifications about to expire, a training
/// session's attendance and exam, and the month's attendance sheet with hr-training's XLSX; each against hr-training.
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
    public async Task The_trainer_views_the_months_attendance_sheet_and_downloads_hr_trainings_XLSX()
    {
        await SignInAsync("/training/attendance", TrainerNorth);
        var month = NorthToday.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Attendance sheet");
        await AssertAccessibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByTestId("download").ClickAsync());

        download.SuggestedFilename.Should().Be($"attendance-{month}.xlsx");
        var file = await download.PathAsync();
        var start = new byte[2];
        await using (var workbook = File.OpenRead(file))
        {
            await workbook.ReadExactlyAsync(start, Ct);
        }

        start.Should().Equal((byte)'P', (byte)'K');
    }
}
