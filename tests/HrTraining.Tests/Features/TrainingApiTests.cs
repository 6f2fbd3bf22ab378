using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Training;
using PropertyPlatform.HrTraining.Tests.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.HrTraining.Tests.Features;

public sealed class TrainingApiTests(HrTrainingService hr)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> CreatedAsync<T>(Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, Ct))!;
    }

    private static async Task<EnrolmentResponse> StepAsync(HttpClient client, Guid enrolment, string step, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/hr-training/training/enrolments/{enrolment}/{step}", body, Ct);
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync(Ct));
        return expected == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<EnrolmentResponse>(ApiJson.Options, Ct))! : null!;
    }

    /// <summary>A plumbing course (pass mark 60, two attempts, practical check) and one person enrolled on a session of it.</summary>
    private async Task<(Guid Estate, Guid StaffId, EnrolmentResponse Enrolment)> EnrolledPlumberAsync(bool practical = true)
    {
        var estate = await hr.NewEstateAsync();
        var plumber = await hr.HireAsync([estate], name: "Trainee Plumber");
        var trainer = hr.Hr(estate);
        var course = await CreatedAsync<CourseResponse>(trainer.PostAsJsonAsync("/api/hr-training/training/courses", new
        {
            estateId = estate, title = "Domestic plumbing safety", category = "Skills", trade = "plumbing", passMark = 60, maxAttempts = 2,
            requiresPracticalCheck = practical, validityMonths = 12,
        }, Ct));
        var session = await CreatedAsync<SessionResponse>(trainer.PostAsJsonAsync("/api/hr-training/training/sessions",
            new { courseId = course.Id, startsAt = $"{Staffing.Day(HrTrainingService.LocalToday)}T09:00" }, Ct));
        var enrolment = await CreatedAsync<EnrolmentResponse>(trainer.PostAsJsonAsync($"/api/hr-training/training/sessions/{session.Id}/enrolments",
            new { staffId = plumber.StaffId }, Ct));
        return (estate, plumber.StaffId, enrolment);
    }

    [Fact]
    public async Task Attending_passing_the_exam_and_the_supervisors_practical_check_grants_the_certification_and_meets_the_need()
    {
        var (estate, staffId, enrolment) = await EnrolledPlumberAsync();
        await CreatedAsync<NeedResponse>(hr.Supervisor(estate).PostAsJsonAsync("/api/hr-training/training/needs",
            new { staffId, estateId = estate, trade = "plumbing", reason = "NewStarter", note = "Joined this month" }, Ct));
        var trainer = hr.Hr(estate);

        await StepAsync(trainer, enrolment.Id, "attendance", new { attended = true });
        var examined = await StepAsync(trainer, enrolment.Id, "exam", new { score = 75 });
        examined.Outcome.Should().Be("Enrolled", "the practical check is still to come");
        await StepAsync(trainer, enrolment.Id, "practical-check", new { passed = true }, HttpStatusCode.Forbidden);
        var passed = await StepAsync(hr.Manager(estate), enrolment.Id, "practical-check", new { passed = true });

        passed.Outcome.Should().Be("Passed");
        passed.CertificationId.Should().NotBeNull();
        var granted = await hr.PublishedAsync<CertificationGranted>(e => e.StaffId == staffId);
        granted.Trade.Should().Be("plumbing");
        granted.ValidUntil.Should().Be(HrTrainingService.LocalToday.AddMonths(12));
        var needs = (await hr.Manager(estate).GetFromJsonAsync<Page<NeedResponse>>($"/api/hr-training/training/needs?estateId={estate}&staffId={staffId}", ApiJson.Options, Ct))!;
        needs.Items.Should().ContainSingle().Which.Status.Should().Be("Met");
    }

    [Fact]
    public async Task Passing_again_renews_the_standing_certification()
    {
        var (estate, staffId, enrolment) = await EnrolledPlumberAsync(practical: false);
        var standing = await hr.CertifyAsync(staffId, estate, validUntil: HrTrainingService.LocalToday.AddDays(10));
        var trainer = hr.Hr(estate);

        await StepAsync(trainer, enrolment.Id, "attendance", new { attended = true });
        var passed = await StepAsync(trainer, enrolment.Id, "exam", new { score = 60 });

        passed.Outcome.Should().Be("Passed");
        passed.CertificationId.Should().Be(standing.Id);
        var renewed = await hr.PublishedAsync<CertificationRenewed>(e => e.CertificationId == standing.Id);
        renewed.ValidUntil.Should().Be(HrTrainingService.LocalToday.AddMonths(12));
    }

    [Fact]
    public async Task Failing_every_exam_attempt_fails_the_course_and_raises_a_re_training_need()
    {
        var (estate, staffId, enrolment) = await EnrolledPlumberAsync();
        var trainer = hr.Hr(estate);

        await StepAsync(trainer, enrolment.Id, "attendance", new { attended = true });
        (await StepAsync(trainer, enrolment.Id, "exam", new { score = 59 })).Outcome.Should().Be("Enrolled", "one attempt is left");
        var failed = await StepAsync(trainer, enrolment.Id, "exam", new { score = 40 });
        await StepAsync(trainer, enrolment.Id, "exam", new { score = 90 }, HttpStatusCode.Conflict);

        (failed.Outcome, failed.ExamAttempts, failed.BestScore).Should().Be(("Failed", 2, 59));
        var needs = (await hr.Manager(estate).GetFromJsonAsync<Page<NeedResponse>>($"/api/hr-training/training/needs?estateId={estate}&staffId={staffId}", ApiJson.Options, Ct))!;
        needs.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Reason = "FailedTraining", Status = "Open", Trade = "plumbing" });
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().Certifications.AnyAsync(c => c.StaffId == staffId, Ct))).Should().BeFalse();
    }

    [Fact]
    public async Task A_sanction_requiring_re_training_raises_a_training_need()
    {
        var estate = await hr.NewEstateAsync();
        var (clerk, _) = await hr.ClerkWithDeviceAsync(estate);

        (await hr.Supervisor(estate).PostAsJsonAsync($"/api/hr-training/appraisal/{clerk.StaffId}/actions", new
        {
            estateId = estate, kind = "Sanction", day = Staffing.Day(HrTrainingService.LocalToday), reason = "Quoted the wrong fee twice", retraining = true,
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Created);

        var needs = (await hr.Manager(estate).GetFromJsonAsync<Page<NeedResponse>>($"/api/hr-training/training/needs?estateId={estate}&staffId={clerk.StaffId}", ApiJson.Options, Ct))!;
        needs.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Reason = "Sanction", Note = "Quoted the wrong fee twice", Status = "Open" });
    }

    [Fact]
    public async Task A_course_with_bad_input_names_every_field_and_stores_nothing()
    {
        var estate = await hr.NewEstateAsync();

        var response = await hr.Hr(estate).PostAsJsonAsync("/api/hr-training/training/courses", new
        {
            estateId = estate, title = "", category = "Cooking", trade = "knitting", passMark = 0, maxAttempts = 9, validityMonths = 0,
        }, Ct);

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo(["title", "category", "trade", "passMark", "maxAttempts", "validityMonths"]);
        (await hr.InScopeAsync(sp => sp.GetRequiredService<HrTrainingDbContext>().TrainingCourses.AnyAsync(c => c.EstateId == estate, Ct))).Should().BeFalse();
        (await hr.Hr(Guid.NewGuid()).PostAsJsonAsync("/api/hr-training/training/courses", new
        {
            estateId = estate, title = "Gate duty", category = "Knowledge", post = "gate", passMark = 60, maxAttempts = 1, validityMonths = 12,
        }, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_sessions_class_list_names_each_enrolled_person_with_their_attendance_and_exam_and_is_not_found_in_another_estate()
    {
        var (estate, staffId, enrolment) = await EnrolledPlumberAsync(practical: false);
        var trainer = hr.Hr(estate);
        var second = await hr.HireAsync([estate], name: "Another Trainee");
        await CreatedAsync<EnrolmentResponse>(trainer.PostAsJsonAsync($"/api/hr-training/training/sessions/{enrolment.SessionId}/enrolments",
            new { staffId = second.StaffId }, Ct));
        await StepAsync(trainer, enrolment.Id, "attendance", new { attended = true });
        await StepAsync(trainer, enrolment.Id, "exam", new { score = 85 });

        var list = await trainer.GetFromJsonAsync<SessionEnrolmentResponse[]>($"/api/hr-training/training/sessions/{enrolment.SessionId}/enrolments", ApiJson.Options, Ct);

        list!.Select(e => e.StaffName).Should().Equal("Another Trainee", "Trainee Plumber");
        var plumber = list!.Single(e => e.Enrolment.StaffId == staffId).Enrolment;
        (plumber.Attended, plumber.BestScore, plumber.Outcome).Should().Be((true, 85, "Passed"));
        (await hr.Manager(Guid.NewGuid()).GetAsync($"/api/hr-training/training/sessions/{enrolment.SessionId}/enrolments", Ct)).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
    }
}
