using System.Net;
using System.Net.Http.Json;
using PropertyPlatform.HrTraining.Features.Training;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features.Training;

public sealed class TrainingListsTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> OkAsync<T>(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;
    }

    private Task<CourseResponse> NewCourseAsync(Guid estate, string title, string category, string? trade = null, string? post = null) =>
        OkAsync<CourseResponse>(hr.Hr(estate).PostAsJsonAsync("/api/hr-training/training/courses", new
        {
            estateId = estate, title, category, trade, post, passMark = 60, maxAttempts = 2, requiresPracticalCheck = false, validityMonths = 12,
        }, Ct), HttpStatusCode.Created);

    private Task<SessionResponse> ScheduleAsync(Guid estate, Guid courseId, DateOnly day) =>
        OkAsync<SessionResponse>(hr.Hr(estate).PostAsJsonAsync("/api/hr-training/training/sessions",
            new { courseId, startsAt = $"{Staffing.Day(day)}T09:00" }, Ct), HttpStatusCode.Created);

    [Fact]
    public async Task Courses_are_listed_per_estate_newest_first_by_category_and_trade_in_keyset_pages()
    {
        var estate = await hr.NewEstateAsync();
        var plumbing = await NewCourseAsync(estate, "Plumbing basics", "Skills", trade: "plumbing");
        var gate = await NewCourseAsync(estate, "Gate duty", "Knowledge", post: "gate");
        var manners = await NewCourseAsync(estate, "Service manners", "Professionalism");
        await NewCourseAsync(await hr.NewEstateAsync(), "Elsewhere", "Skills", trade: "plumbing");
        var reader = hr.Manager(estate);

        var first = await OkAsync<Page<CourseResponse>>(reader.GetAsync($"/api/hr-training/training/courses?estateId={estate}&limit=2", Ct));
        var second = await OkAsync<Page<CourseResponse>>(reader.GetAsync($"/api/hr-training/training/courses?estateId={estate}&limit=2&cursor={first.NextCursor}", Ct));
        var skills = await OkAsync<Page<CourseResponse>>(reader.GetAsync($"/api/hr-training/training/courses?estateId={estate}&category=skills", Ct));
        var forGate = await OkAsync<Page<CourseResponse>>(reader.GetAsync($"/api/hr-training/training/courses?estateId={estate}&post=gate", Ct));

        first.Items.Select(c => c.Id).Concat(second.Items.Select(c => c.Id)).Should().Equal(manners.Id, gate.Id, plumbing.Id);
        second.NextCursor.Should().BeNull();
        skills.Items.Should().ContainSingle().Which.Id.Should().Be(plumbing.Id);
        forGate.Items.Should().ContainSingle().Which.Id.Should().Be(gate.Id);
        (await OkAsync<CourseResponse>(reader.GetAsync($"/api/hr-training/training/courses/{gate.Id}", Ct))).Title.Should().Be("Gate duty");
    }

    [Fact]
    public async Task Sessions_are_listed_per_course_and_by_estate_local_date_range_latest_first()
    {
        var estate = await hr.NewEstateAsync();
        var plumbing = await NewCourseAsync(estate, "Plumbing basics", "Skills", trade: "plumbing");
        var gate = await NewCourseAsync(estate, "Gate duty", "Knowledge", post: "gate");
        var day = new DateOnly(2027, 3, 1);
        var early = await ScheduleAsync(estate, plumbing.Id, day);
        var later = await ScheduleAsync(estate, plumbing.Id, day.AddDays(10));
        var gateSession = await ScheduleAsync(estate, gate.Id, day.AddDays(5));
        var reader = hr.Manager(estate);

        var all = await OkAsync<Page<SessionResponse>>(reader.GetAsync($"/api/hr-training/training/sessions?estateId={estate}", Ct));
        var ofPlumbing = await OkAsync<Page<SessionResponse>>(reader.GetAsync($"/api/hr-training/training/sessions?estateId={estate}&courseId={plumbing.Id}", Ct));
        var firstWeek = await OkAsync<Page<SessionResponse>>(reader.GetAsync(
            $"/api/hr-training/training/sessions?estateId={estate}&from={Staffing.Day(day)}&until={Staffing.Day(day.AddDays(5))}", Ct));

        all.Items.Select(s => s.Id).Should().Equal(later.Id, gateSession.Id, early.Id);
        ofPlumbing.Items.Select(s => s.Id).Should().Equal(later.Id, early.Id);
        firstWeek.Items.Select(s => s.Id).Should().Equal(gateSession.Id, early.Id);
        (await OkAsync<SessionResponse>(reader.GetAsync($"/api/hr-training/training/sessions/{early.Id}", Ct))).CourseId.Should().Be(plumbing.Id);
    }

    [Fact]
    public async Task A_course_or_session_list_with_bad_filters_names_every_field()
    {
        var estate = await hr.NewEstateAsync();
        var reader = hr.Manager(estate);

        (await (await reader.GetAsync("/api/hr-training/training/courses?category=Cooking&trade=knitting", Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["estateId", "category", "trade"]);
        (await (await reader.GetAsync($"/api/hr-training/training/sessions?estateId={estate}&courseId={Guid.Empty}&from=2027-03-10&until=2027-03-01", Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["courseId", "until"]);
    }

    [Fact]
    public async Task Another_estates_courses_and_sessions_are_not_found()
    {
        var estate = await hr.NewEstateAsync();
        var course = await NewCourseAsync(estate, "Plumbing basics", "Skills", trade: "plumbing");
        var session = await ScheduleAsync(estate, course.Id, new DateOnly(2027, 3, 1));
        var stranger = hr.Manager(Guid.NewGuid());

        (await stranger.GetAsync($"/api/hr-training/training/courses?estateId={estate}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/hr-training/training/sessions?estateId={estate}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/hr-training/training/courses/{course.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/hr-training/training/sessions/{session.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
