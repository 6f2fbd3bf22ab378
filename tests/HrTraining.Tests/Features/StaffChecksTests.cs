using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.HrTraining.Features.Appraisal;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class StaffChecksTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The 10th of last month (estate-local): a month that is over, so every check day is in the past.</summary>
    private static DateOnly LastMonth
    {
        get
        {
            var today = HrTrainingService.LocalToday;
            return new DateOnly(today.Year, today.Month, 10).AddMonths(-1);
        }
    }

    private HttpClient As(string role, Guid estate) => hr.CreateClient(TestCaller.Staff(role, estate));

    private static Task<HttpResponseMessage> CheckAsync(HttpClient supervisor, StaffResponse staff, Guid estate, string frequency, DateOnly day, int score, string? notes = null) =>
        supervisor.PostAsJsonAsync("/api/hr-training/appraisal/checks",
            new { staffId = staff.StaffId, estateId = estate, frequency, day = Staffing.Day(day), score, notes }, Ct);

    [Fact]
    public async Task Daily_weekly_and_monthly_checks_show_in_the_appraisal_combined_with_the_monthly_review_weighing_most()
    {
        var estate = await hr.NewEstateAsync();
        var technician = await hr.HireAsync([estate], name: "Checked Technician");
        var supervisor = As(PlatformRoles.MaintenanceSupervisor, estate);
        var day = LastMonth;

        foreach (var (frequency, on, score, notes) in new[]
        {
            ("Daily", day, 4, (string?)null), ("Daily", day.AddDays(1), 2, "Left the pump room unlocked."), ("Weekly", day.AddDays(2), 4, null),
            ("Monthly", day.AddDays(10), 5, "Best month yet."),
        })
        {
            var response = await CheckAsync(supervisor, technician, estate, frequency, on, score, notes);
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }

        var appraisal = (await hr.Manager(estate).GetFromJsonAsync<AppraisalResponse>(
            $"/api/hr-training/appraisal/{technician.StaffId}?period={day.ToString("yyyy-MM", CultureInfo.InvariantCulture)}", ApiJson.Options, Ct))!;

        appraisal.Checks.Should().BeEquivalentTo(new
        {
            Daily = 2, DailyAverage = 3m, Weekly = 1, WeeklyAverage = 4m, Monthly = 1, MonthlyAverage = 5m, Failed = 1,
            CombinedScore = 4.3m, // 0.2 × 3 + 0.3 × 4 + 0.5 × 5
        }, o => o.Excluding(c => c.Path == "Items"));
        appraisal.Checks.Items.Select(c => c.Area).Should().AllBe("Maintenance");
        var listed = (await hr.Manager(estate).GetFromJsonAsync<Page<CheckResponse>>(
            $"/api/hr-training/appraisal/checks?estateId={estate}&staffId={technician.StaffId}&frequency=daily", ApiJson.Options, Ct))!;
        listed.Items.Select(c => c.Day).Should().Equal(day.AddDays(1), day);
    }

    [Fact]
    public async Task A_person_gets_one_check_per_frequency_and_period()
    {
        var estate = await hr.NewEstateAsync();
        var guard = await hr.HireAsync([estate], [], name: "Checked Guard", position: "security guard");
        var supervisor = As(PlatformRoles.SecuritySupervisor, estate);
        var monday = LastMonth.AddDays(-(((int)LastMonth.DayOfWeek + 6) % 7));

        (await CheckAsync(supervisor, guard, estate, "Weekly", monday.AddDays(1), 4)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await CheckAsync(supervisor, guard, estate, "Weekly", monday.AddDays(3), 4)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await CheckAsync(supervisor, guard, estate, "Daily", monday.AddDays(3), 4)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await CheckAsync(supervisor, guard, estate, "Weekly", monday.AddDays(7), 4)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Only_maintenance_security_and_cleaning_staff_get_these_checks()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate, "Front Clerk");

        var response = await CheckAsync(hr.Manager(estate), clerk, estate, "Daily", LastMonth, 4);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["staffId"]);
    }

    [Fact]
    public async Task A_supervisor_checks_only_their_own_areas_staff()
    {
        var estate = await hr.NewEstateAsync();
        var technician = await hr.HireAsync([estate], name: "Not Security's");
        var cleaner = await hr.HireAsync([estate], [], name: "Cleaner Chen", position: "cleaner");
        var security = As(PlatformRoles.SecuritySupervisor, estate);

        (await CheckAsync(security, technician, estate, "Daily", LastMonth, 4)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CheckAsync(As(PlatformRoles.CustomerServiceSupervisor, estate), cleaner, estate, "Daily", LastMonth, 4)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await CheckAsync(hr.Manager(estate), technician, estate, "Daily", LastMonth, 4)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await CheckAsync(As(PlatformRoles.MaintenanceSupervisor, Guid.NewGuid()), technician, estate, "Daily", LastMonth, 4))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "another estate's supervisor");
    }

    [Fact]
    public async Task A_check_with_bad_input_names_every_field_and_a_failing_score_needs_notes()
    {
        var estate = await hr.NewEstateAsync();
        var technician = await hr.HireAsync([estate], name: "Badly Checked");
        var supervisor = As(PlatformRoles.MaintenanceSupervisor, estate);

        var response = await supervisor.PostAsJsonAsync("/api/hr-training/appraisal/checks", new { frequency = "Hourly", day = "yesterday", score = 9 }, Ct);
        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["staffId", "estateId", "frequency", "day", "score"]);
        (await (await CheckAsync(supervisor, technician, estate, "Daily", LastMonth, 1)).ErrorFieldsAsync()).Should().BeEquivalentTo(["notes"]);
        (await (await CheckAsync(supervisor, technician, estate, "Daily", HrTrainingService.LocalToday.AddDays(2), 4)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["day"]);
        var listed = (await hr.Manager(estate).GetFromJsonAsync<Page<CheckResponse>>($"/api/hr-training/appraisal/checks?estateId={estate}", ApiJson.Options, Ct))!;
        listed.Items.Should().BeEmpty();
    }
}
