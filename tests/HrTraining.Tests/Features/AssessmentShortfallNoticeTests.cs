using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Appraisal;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class AssessmentShortfallNoticeTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two weeks back's Monday: a week that is over.</summary>
    private static DateOnly PastMonday
    {
        get
        {
            var today = HrTrainingService.LocalToday;
            return today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 14);
        }
    }

    /// <summary>An estate with its manager on file, a clerk assessed once and a clerk assessed twice in the week of <paramref name="monday"/>.</summary>
    private async Task<(Guid Estate, StaffResponse Manager, StaffResponse Once, StaffResponse Twice)> WeekAsync(DateOnly monday)
    {
        var estate = await hr.NewEstateAsync();
        var manager = await hr.HireAsync([estate], [], name: "Manager Ma", position: "Estate manager");
        var (once, _) = await hr.ClerkWithDeviceAsync(estate, "Assessed Once");
        var (twice, _) = await hr.ClerkWithDeviceAsync(estate, "Assessed Twice");
        foreach (var clerk in new[] { once, twice })
        {
            await hr.RosterAsync(estate, clerk, monday.AddDays(1));
        }

        foreach (var (clerk, day) in new[] { (once, monday.AddDays(1)), (twice, monday.AddDays(1)), (twice, monday.AddDays(4)) })
        {
            (await hr.Supervisor(estate).PostAsJsonAsync("/api/hr-training/appraisal/assessments", new
            {
                staffId = clerk.StaffId, estateId = estate, day = Staffing.Day(day), score = 4, text = "Greets owners well, logs every request.",
            }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        return (estate, manager, once, twice);
    }

    private Task<int> FlagAsync(Guid estate, DateOnly monday, DateTimeOffset now) =>
        hr.InScopeAsync(sp => AssessmentShortfallCheck.FlagWeekAsync(sp.GetRequiredService<HrTrainingDbContext>(), estate, monday, now, Ct));

    [Fact]
    public async Task A_clerk_assessed_fewer_than_twice_in_a_week_is_notified_to_the_estate_manager_exactly_once()
    {
        var monday = PastMonday;
        var (estate, manager, once, _) = await WeekAsync(monday);
        var after = Attending.Local(monday.AddDays(7), 9, 0);

        var first = await FlagAsync(estate, monday, after);
        var again = await Task.WhenAll(FlagAsync(estate, monday, after.AddHours(1)), FlagAsync(estate, monday, after.AddHours(1)));

        (first, again.Sum()).Should().Be((1, 0));
        var notices = (await hr.OutboxAsync<NotificationRequested>()).Where(n => n.EstateId == estate).ToList();
        var notice = notices.Should().ContainSingle().Which;
        (notice.RecipientKind, notice.RecipientId, notice.TemplateKey).Should().Be(("staff", manager.StaffId, AssessmentShortfallCheck.Template));
        notice.Data.Should().Contain(new Dictionary<string, string>
        {
            ["clerkName"] = "Assessed Once", ["week"] = Staffing.Day(monday), ["assessments"] = "1", ["required"] = "2", ["staffId"] = once.StaffId.ToString(),
        });
    }

    [Fact]
    public async Task The_weekly_check_flags_a_week_only_once_it_is_over_in_the_estate()
    {
        var monday = PastMonday;
        var (estate, _, once, _) = await WeekAsync(monday);

        await hr.InScopeAsync(sp => AssessmentShortfallCheck.FlagLastWeekAsync(sp.GetRequiredService<HrTrainingDbContext>(), Attending.Local(monday.AddDays(6), 23, 50), Ct));
        var flaggedDuringTheWeek = await FlagsAsync(estate);
        await hr.InScopeAsync(sp => AssessmentShortfallCheck.FlagLastWeekAsync(sp.GetRequiredService<HrTrainingDbContext>(), Attending.Local(monday.AddDays(7), 0, 10), Ct));

        flaggedDuringTheWeek.Should().BeEmpty("the week has ten minutes to go in the estate");
        (await FlagsAsync(estate)).Should().ContainSingle().Which.Should().Be((once.StaffId, monday, 1));
    }

    private Task<List<(Guid StaffId, DateOnly Week, int Notified)>> FlagsAsync(Guid estate) => hr.InScopeAsync(async sp =>
        (await sp.GetRequiredService<HrTrainingDbContext>().AssessmentShortfallFlags.AsNoTracking().Where(f => f.EstateId == estate).ToListAsync(Ct))
        .Select(f => (f.StaffId, f.Week, f.Notified)).ToList());
}
