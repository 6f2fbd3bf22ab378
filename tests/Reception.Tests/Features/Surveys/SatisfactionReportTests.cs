using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.Reception.Features.Surveys;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Surveys;

public sealed class SatisfactionReportTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static readonly Actor Clerk = new("clerk-1", "Clerk Liu");

    /// <summary>An instant given as Shanghai wall-clock time (UTC+8).</summary>
    private static DateTimeOffset Local(int month, int day, int hour, int minute) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private Task<SatisfactionReportResponse> ReportAsync(Guid estateId, string month = "2026-10") =>
        reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId))
            .GetFromJsonAsync<SatisfactionReportResponse>($"/api/reception/satisfaction?estateId={estateId}&month={month}", ApiJson.Options, Ct)!;

    [Fact]
    public async Task The_monthly_rate_combines_callbacks_complaints_and_survey_responses_of_the_estate_local_month_against_90_percent()
    {
        var (estateId, units) = await reception.NewEstateAsync(6);
        await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            // Callbacks: one satisfied and one not in October; one made at 00:30 on 1 November (still October in UTC).
            AddCallback(db, estateId, units[0], Local(10, 10, 10, 0), 5);
            AddCallback(db, estateId, units[0], Local(10, 20, 10, 0), 1);
            AddCallback(db, estateId, units[0], Local(11, 1, 0, 30), 5);
            // Complaints: closed with 4 (satisfied) and 2 (not) in October; one closed in September.
            AddComplaint(db, estateId, units[1], Local(10, 5, 9, 0), 4);
            AddComplaint(db, estateId, units[1], Local(10, 31, 20, 0), 2);
            AddComplaint(db, estateId, units[1], Local(9, 30, 20, 0), 5);
            // Survey responses: 23:30 local on 31 October and 00:30 on 1 October count; 23:30 on 30 September and
            // midnight on 1 November do not.
            var survey = Survey.Draft(estateId, "Autumn", new(2026, 9, 1), new(2026, 11, 30),
                [new SurveyQuestion(1, SurveyQuestionKind.Rating, "Overall?", true, [])], "sup-1", Local(9, 1, 8, 0));
            survey.Publish(Local(9, 1, 8, 0));
            db.Surveys.Add(survey);
            AddResponse(db, survey, units[2], Local(10, 31, 23, 30), 4);
            AddResponse(db, survey, units[3], Local(10, 1, 0, 30), 3);
            AddResponse(db, survey, units[4], Local(9, 30, 23, 30), 1);
            AddResponse(db, survey, units[5], Local(11, 1, 0, 0), 1);
            await db.SaveChangesAsync(Ct);
            return 0;
        });

        var report = await ReportAsync(estateId);

        report.From.Should().Be(Local(10, 1, 0, 0));
        report.To.Should().Be(Local(11, 1, 0, 0));
        report.Callbacks.Should().Match<SatisfactionLine>(l => l.Answered == 2 && l.Satisfied == 1 && l.Rate == 0.5m && !l.MeetsTarget);
        report.Complaints.Should().Match<SatisfactionLine>(l => l.Answered == 2 && l.Satisfied == 1 && l.Rate == 0.5m && !l.MeetsTarget);
        report.Surveys.Should().Match<SatisfactionLine>(l => l.Answered == 2 && l.Satisfied == 2 && l.Rate == 1m && l.MeetsTarget);
        report.Overall.Should().Match<SatisfactionLine>(l => l.Answered == 6 && l.Satisfied == 4 && l.Rate == 0.6667m && !l.MeetsTarget && l.Target == 0.90m);

        var november = await ReportAsync(estateId, "2026-11");
        november.Callbacks.Answered.Should().Be(1);
        november.Surveys.Should().Match<SatisfactionLine>(l => l.Answered == 1 && l.Satisfied == 0);
        november.Overall.Should().Match<SatisfactionLine>(l => l.Answered == 2 && l.Satisfied == 1);
    }

    [Fact]
    public async Task Nine_satisfied_answers_in_ten_meet_the_target_and_a_month_without_answers_has_no_rate()
    {
        var (estateId, units) = await reception.NewEstateAsync(10);
        await reception.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ReceptionDbContext>();
            var survey = Survey.Draft(estateId, "Autumn", new(2026, 10, 1), new(2026, 10, 31),
                [new SurveyQuestion(1, SurveyQuestionKind.Rating, "Overall?", true, [])], "sup-1", Local(9, 1, 8, 0));
            survey.Publish(Local(9, 1, 8, 0));
            db.Surveys.Add(survey);
            for (var i = 0; i < 10; i++)
            {
                AddResponse(db, survey, units[i], Local(10, 15, 12, i), i == 0 ? 2 : 3);
            }

            await db.SaveChangesAsync(Ct);
            return 0;
        });

        (await ReportAsync(estateId)).Overall.Should().Match<SatisfactionLine>(l => l.Answered == 10 && l.Satisfied == 9 && l.Rate == 0.9m && l.MeetsTarget);
        (await ReportAsync(estateId, "2026-08")).Overall.Should().Match<SatisfactionLine>(l => l.Answered == 0 && l.Rate == null && l.MeetsTarget);
    }

    [Fact]
    public async Task The_report_is_for_the_supervisors_of_the_estate_and_needs_a_month()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var url = $"/api/reception/satisfaction?estateId={estateId}&month=2026-10";
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId)).GetAsync(url, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reception.CreateClient(TestCaller.Clerk(estateId)).GetAsync(url, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, otherEstate)).GetAsync(url, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var bad = await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId))
            .GetAsync($"/api/reception/satisfaction?estateId={estateId}&month=October", Ct);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys.Should().Equal("month");
    }

    private static CustomerRequest Request(Guid estateId, Guid unitId, RequestCategory category, DateTimeOffset at) =>
        CustomerRequest.Record(estateId, unitId, RequestChannel.Phone, category, Urgency.Normal, "Something", "Li", "13800001234", "clerk-1", Shanghai, at, Guid.NewGuid());

    private static void AddCallback(ReceptionDbContext db, Guid estateId, Guid unitId, DateTimeOffset calledAt, int score)
    {
        var request = Request(estateId, unitId, RequestCategory.Repair, calledAt.AddDays(-1));
        var callback = Callback.Open(request, CallbackSelection.Repair, null, Shanghai, calledAt.AddHours(-2));
        callback.Complete(score, score, score, null, null, "clerk-1", calledAt);
        db.AddRange(request, callback);
    }

    private static void AddComplaint(ReceptionDbContext db, Guid estateId, Guid unitId, DateTimeOffset closedAt, int score)
    {
        var request = Request(estateId, unitId, RequestCategory.Complaint, closedAt.AddDays(-2));
        var complaint = Complaint.Record(request, Clerk);
        complaint.Classify(ComplaintKind.Complaint, ComplaintCategory.ServiceAttitude, Clerk, closedAt.AddDays(-2).AddMinutes(5));
        complaint.Assign(Department.Security, "Captain Ma", null, Shanghai, Clerk, closedAt.AddDays(-2).AddMinutes(10));
        complaint.Resolve("Done", Clerk, closedAt.AddHours(-2));
        complaint.InformResident("Told", Clerk, closedAt.AddHours(-1));
        complaint.RecordSatisfaction(score, null, Clerk, closedAt);
        db.AddRange(request, complaint);
    }

    private static void AddResponse(ReceptionDbContext db, Survey survey, Guid unitId, DateTimeOffset at, int rating) =>
        db.SurveySubmissions.Add(SurveySubmission.Submit(
            survey, unitId, SurveyChannel.App, [new SurveyAnswerInput(rating, null, null)], "owner-1", DateOnly.FromDateTime(Shanghai.ToLocal(at).DateTime), at));
}
