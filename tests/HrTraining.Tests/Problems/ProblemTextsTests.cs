using System.Net;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Problems;

/// <summary>A caller who asks for Chinese (<c>Accept-Language: zh-CN</c>) reads hr-training's problem texts in Chinese; any other caller in English.</summary>
public sealed class ProblemTextsTests(HrTrainingService hr)
{
    private static object File(Guid staffId, Guid home, params Guid[] estates) => new
    {
        staffId,
        displayName = "Wang Wei",
        position = "technician",
        trades = new[] { "plumbing" },
        homeEstateId = home,
        estateIds = estates,
        startsOn = Staffing.Day(HrTrainingService.LocalToday.AddDays(-100)),
    };

    [Fact]
    public async Task A_field_error_is_in_Chinese_for_a_zh_CN_caller_and_in_English_for_others()
    {
        var estate = Guid.NewGuid();
        var hiredElsewhere = File(Guid.NewGuid(), Guid.NewGuid(), estate);

        var chinese = await hr.Hr(estate).ProblemAsync(HttpMethod.Post, "/api/hr-training/staff", hiredElsewhere, "zh-CN", HttpStatusCode.BadRequest);
        var english = await hr.Hr(estate).ProblemAsync(HttpMethod.Post, "/api/hr-training/staff", hiredElsewhere, null, HttpStatusCode.BadRequest);

        chinese.GetProperty("errors").GetProperty("homeEstateId")[0].GetString().Should().Be("须为 estateIds 中的一个。");
        english.GetProperty("errors").GetProperty("homeEstateId")[0].GetString().Should().Be("Must be one of estateIds.");
    }

    [Fact]
    public async Task A_conflict_keeps_its_value_inside_the_Chinese_sentence()
    {
        var estate = Guid.NewGuid();
        var hired = await hr.HireAsync([estate]);
        var again = File(hired.StaffId, estate, estate);

        var chinese = await hr.Hr(estate).ProblemAsync(HttpMethod.Post, "/api/hr-training/staff", again, "zh-CN", HttpStatusCode.Conflict);
        var english = await hr.Hr(estate).ProblemAsync(HttpMethod.Post, "/api/hr-training/staff", again, null, HttpStatusCode.Conflict);

        chinese.GetProperty("detail").GetString().Should().Be($"员工“{hired.StaffId}”已有人事档案，请修改现有档案。");
        english.GetProperty("detail").GetString().Should().Be($"Staff member '{hired.StaffId}' already has an employment file; change it instead.");
    }
}
