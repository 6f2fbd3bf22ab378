using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Training;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.HrTraining.Tests.Features.Training;

public sealed class TrainingPlansTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => Staffing.Day(HrTrainingService.LocalToday);

    private static string InAQuarter => Staffing.Day(HrTrainingService.LocalToday.AddMonths(3));

    private static async Task<T> OkAsync<T>(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;
    }

    /// <summary>An estate with a plumber who needs plumbing training, and a plumbing course (exam only, pass mark 60).</summary>
    private async Task<(Guid Estate, Guid StaffId, NeedResponse Need, CourseResponse Course)> NeedAndCourseAsync()
    {
        var estate = await hr.NewEstateAsync();
        var plumber = await hr.HireAsync([estate], name: "Planned Plumber");
        var need = await OkAsync<NeedResponse>(hr.Hr(estate).PostAsJsonAsync("/api/hr-training/training/needs",
            new { staffId = plumber.StaffId, estateId = estate, trade = "plumbing", reason = "NewStarter", note = "Joined this month" }, Ct), HttpStatusCode.Created);
        var course = await NewCourseAsync(estate, "Domestic plumbing", "Skills", trade: "plumbing");
        return (estate, plumber.StaffId, need, course);
    }

    private Task<CourseResponse> NewCourseAsync(Guid estate, string title, string category, string? trade = null, string? post = null) =>
        OkAsync<CourseResponse>(hr.Hr(estate).PostAsJsonAsync("/api/hr-training/training/courses", new
        {
            estateId = estate, title, category, trade, post, passMark = 60, maxAttempts = 2, requiresPracticalCheck = false, validityMonths = 12,
        }, Ct), HttpStatusCode.Created);

    private static Task<HttpResponseMessage> DrawAsync(HttpClient client, Guid estate, Guid[] needIds, Guid[] courseIds) =>
        client.PostAsJsonAsync("/api/hr-training/training/plans",
            new { estateId = estate, title = "Q plan", from = Today, until = InAQuarter, needIds, courseIds }, Ct);

    private Task<PlanDetailResponse> DecideAsync(Guid estate, Guid planId, bool approve, string? note = null) =>
        OkAsync<PlanDetailResponse>(hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/training/plans/{planId}/decide", new { approve, note }, Ct));

    [Fact]
    public async Task A_plan_gathers_open_needs_with_the_courses_that_meet_them_and_the_estate_manager_approving_it_marks_them_planned()
    {
        var (estate, _, need, course) = await NeedAndCourseAsync();

        var drawn = await OkAsync<PlanDetailResponse>(DrawAsync(hr.Hr(estate), estate, [need.Id], [course.Id]), HttpStatusCode.Created);

        drawn.Plan.Status.Should().Be("Draft");
        drawn.Needs.Should().ContainSingle().Which.Should().BeEquivalentTo(new { need.Id, Status = "Open", PlanId = drawn.Plan.Id });
        drawn.Courses.Should().ContainSingle().Which.Id.Should().Be(course.Id);
        (await hr.Hr(estate).PostAsJsonAsync($"/api/hr-training/training/plans/{drawn.Plan.Id}/decide", new { approve = true }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "HR draws plans up; the estate manager approves them");
        var approved = await DecideAsync(estate, drawn.Plan.Id, approve: true);
        approved.Plan.Status.Should().Be("Approved");
        approved.Needs.Should().ContainSingle().Which.Status.Should().Be("Planned");
        var planned = await OkAsync<Page<NeedResponse>>(hr.Manager(estate).GetAsync(
            $"/api/hr-training/training/needs?estateId={estate}&status=Planned&planId={drawn.Plan.Id}", Ct));
        planned.Items.Should().ContainSingle().Which.Id.Should().Be(need.Id);
        (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/training/plans/{drawn.Plan.Id}/decide", new { approve = false, note = "Second thoughts" }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "a plan is decided once");
    }

    [Fact]
    public async Task A_planned_need_is_met_when_its_person_passes_the_plans_course()
    {
        var (estate, staffId, need, course) = await NeedAndCourseAsync();
        var plan = await OkAsync<PlanDetailResponse>(DrawAsync(hr.Hr(estate), estate, [need.Id], [course.Id]), HttpStatusCode.Created);
        await DecideAsync(estate, plan.Plan.Id, approve: true);
        var trainer = hr.Hr(estate);
        var session = await OkAsync<SessionResponse>(trainer.PostAsJsonAsync("/api/hr-training/training/sessions",
            new { courseId = course.Id, startsAt = $"{Today}T09:00" }, Ct), HttpStatusCode.Created);
        var enrolment = await OkAsync<EnrolmentResponse>(trainer.PostAsJsonAsync($"/api/hr-training/training/sessions/{session.Id}/enrolments",
            new { staffId }, Ct), HttpStatusCode.Created);

        await OkAsync<EnrolmentResponse>(trainer.PostAsJsonAsync($"/api/hr-training/training/enrolments/{enrolment.Id}/attendance", new { attended = true }, Ct));
        await OkAsync<EnrolmentResponse>(trainer.PostAsJsonAsync($"/api/hr-training/training/enrolments/{enrolment.Id}/exam", new { score = 80 }, Ct));

        var after = await OkAsync<PlanDetailResponse>(hr.Manager(estate).GetAsync($"/api/hr-training/training/plans/{plan.Plan.Id}", Ct));
        after.NeedsMet.Should().Be(1);
        after.Needs.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Status = "Met", MetByEnrolmentId = enrolment.Id });
    }

    [Fact]
    public async Task A_plan_whose_need_no_listed_course_meets_is_refused_naming_courseIds_and_stores_nothing()
    {
        var (estate, _, need, _) = await NeedAndCourseAsync();
        var gateCourse = await NewCourseAsync(estate, "Gate duty", "Knowledge", post: "gate");

        var response = await DrawAsync(hr.Hr(estate), estate, [need.Id], [gateCourse.Id]);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["courseIds"]);
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().TrainingPlans.AnyAsync(p => p.EstateId == estate, Ct))).Should().BeFalse();
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().TrainingNeeds.SingleAsync(n => n.Id == need.Id, Ct))).PlanId.Should().BeNull();
    }

    [Fact]
    public async Task A_plan_with_bad_input_names_every_field()
    {
        var estate = await hr.NewEstateAsync();

        var response = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/training/plans",
            new { title = "", from = Today, until = Staffing.Day(HrTrainingService.LocalToday.AddDays(-1)), needIds = Array.Empty<Guid>(), courseIds = new[] { Guid.Empty } }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["estateId", "title", "until", "needIds", "courseIds"]);
    }

    [Fact]
    public async Task A_need_on_one_plan_cannot_be_gathered_into_another_until_that_plan_is_sent_back()
    {
        var (estate, _, need, course) = await NeedAndCourseAsync();
        var first = await OkAsync<PlanDetailResponse>(DrawAsync(hr.Hr(estate), estate, [need.Id], [course.Id]), HttpStatusCode.Created);

        (await (await DrawAsync(hr.Hr(estate), estate, [need.Id], [course.Id])).ErrorFieldsAsync()).Should().BeEquivalentTo(["needIds"]);
        (await hr.Manager(estate).PostAsJsonAsync($"/api/hr-training/training/plans/{first.Plan.Id}/decide", new { approve = false }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "sending a plan back says what to change");
        var sentBack = await DecideAsync(estate, first.Plan.Id, approve: false, "Add the first-aid course");

        sentBack.Plan.Status.Should().Be("Rejected");
        sentBack.Needs.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Status = "Open", PlanId = (Guid?)null });
        (await DrawAsync(hr.Hr(estate), estate, [need.Id], [course.Id])).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Nobody_approves_a_plan_they_drew_up_themself()
    {
        var (estate, _, need, course) = await NeedAndCourseAsync();
        var admin = hr.CreateClient(TestCaller.GroupAdmin());
        var plan = await OkAsync<PlanDetailResponse>(DrawAsync(admin, estate, [need.Id], [course.Id]), HttpStatusCode.Created);

        (await admin.PostAsJsonAsync($"/api/hr-training/training/plans/{plan.Plan.Id}/decide", new { approve = true }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Plans_are_listed_per_estate_by_status_and_another_estates_are_not_found()
    {
        var (estate, _, need, course) = await NeedAndCourseAsync();
        var plan = await OkAsync<PlanDetailResponse>(DrawAsync(hr.Hr(estate), estate, [need.Id], [course.Id]), HttpStatusCode.Created);
        var stranger = Guid.NewGuid();

        var drafts = await OkAsync<Page<PlanResponse>>(hr.Manager(estate).GetAsync($"/api/hr-training/training/plans?estateId={estate}&status=Draft", Ct));
        var approved = await OkAsync<Page<PlanResponse>>(hr.Manager(estate).GetAsync($"/api/hr-training/training/plans?estateId={estate}&status=Approved", Ct));

        drafts.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { plan.Plan.Id, Needs = 1, Courses = 1 });
        approved.Items.Should().BeEmpty();
        (await hr.Manager(stranger).GetAsync($"/api/hr-training/training/plans/{plan.Plan.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.Manager(stranger).GetAsync($"/api/hr-training/training/plans?estateId={estate}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await hr.Manager(stranger).PostAsJsonAsync($"/api/hr-training/training/plans/{plan.Plan.Id}/decide", new { approve = true }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DrawAsync(hr.Hr(stranger), estate, [need.Id], [course.Id])).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await hr.Manager(estate).GetAsync($"/api/hr-training/training/plans?estateId={estate}&status=Pending", Ct)).ErrorFieldsAsync())
            .Should().BeEquivalentTo(["status"]);
    }
}
