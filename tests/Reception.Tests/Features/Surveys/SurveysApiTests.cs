using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Surveys;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Reception.Tests.Features.Surveys;

public sealed class SurveysApiTests(ReceptionService reception)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly object[] Questions =
    [
        new { kind = "rating", text = "How satisfied are you with the front desk?" },
        new { kind = "rating", text = "How clean are the common areas?" },
        new { kind = "choice", text = "Which service matters most?", options = new[] { "Security", "Cleaning", "Repairs" } },
        new { kind = "text", text = "Anything else?", required = false },
    ];

    private static readonly string[] OneOption = ["Only one"];

    private static readonly string[] TwoOptions = ["a", "b"];

    private HttpClient Supervisor(Guid estateId) => reception.CreateClient(TestCaller.Staff(PlatformRoles.CustomerServiceSupervisor, estateId));

    private static object?[] Answers(int front, int clean, string choice, string? text = null) =>
        new object?[] { new { rating = front }, new { rating = clean }, new { choice }, text is null ? null : new { text } };

    private async Task<SurveyResponse> DraftAsync(Guid estateId, string? opensOn = null, string? closesOn = null)
    {
        var response = await Supervisor(estateId).PostAsJsonAsync("/api/reception/surveys",
            new { estateId, title = "Autumn satisfaction survey", opensOn = opensOn ?? Today, closesOn = closesOn ?? Today, questions = Questions }, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<SurveyResponse>(ApiJson.Options, Ct))!;
    }

    private async Task<SurveyResponse> OpenAsync(Guid estateId)
    {
        var survey = await DraftAsync(estateId);
        var published = await Supervisor(estateId).PostAsync($"/api/reception/surveys/{survey.Id}/publish", null, Ct);
        published.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await published.Content.ReadFromJsonAsync<SurveyResponse>(ApiJson.Options, Ct))!;
    }

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient owner, Guid surveyId, Guid unitId, object answers) =>
        owner.PostAsJsonAsync($"/api/reception/surveys/{surveyId}/answers", new { unitId, answers }, Ct);

    private Task<int> SubmissionsAsync(Guid surveyId) => reception.InScopeAsync(sp =>
        sp.GetRequiredService<ReceptionDbContext>().SurveySubmissions.AsNoTracking().CountAsync(s => s.SurveyId == surveyId, Ct));

    private static async Task<string[]> FieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return [.. (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!.Errors.Keys];
    }

    [Fact]
    public async Task A_supervisor_drafts_publishes_and_closes_a_survey_and_its_questions_are_fixed_once_open()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var supervisor = Supervisor(estateId);
        var survey = await DraftAsync(estateId);
        survey.Status.Should().Be(SurveyStatus.Draft);
        survey.Questions.Select(q => q.Kind).Should().Equal(SurveyQuestionKind.Rating, SurveyQuestionKind.Rating, SurveyQuestionKind.Choice, SurveyQuestionKind.Text);
        survey.Questions[3].Required.Should().BeFalse();

        var revision = new { title = "Revised", opensOn = Today, closesOn = Today, questions = new object[] { new { kind = "rating", text = "Overall?" } } };
        var revised = await supervisor.PutAsJsonAsync($"/api/reception/surveys/{survey.Id}", revision, Ct);
        revised.StatusCode.Should().Be(HttpStatusCode.OK);
        (await revised.Content.ReadFromJsonAsync<SurveyResponse>(ApiJson.Options, Ct))!.Questions.Should().ContainSingle();

        (await supervisor.PostAsync($"/api/reception/surveys/{survey.Id}/publish", null, Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await supervisor.PutAsJsonAsync($"/api/reception/surveys/{survey.Id}", revision, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict, "questions are fixed once open");
        (await supervisor.PostAsync($"/api/reception/surveys/{survey.Id}/publish", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var closed = await supervisor.PostAsync($"/api/reception/surveys/{survey.Id}/close", null, Ct);
        (await closed.Content.ReadFromJsonAsync<SurveyResponse>(ApiJson.Options, Ct))!.Status.Should().Be(SurveyStatus.Closed);
        (await supervisor.PostAsync($"/api/reception/surveys/{survey.Id}/close", null, Ct)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var list = await supervisor.GetFromJsonAsync<Page<SurveyResponse>>($"/api/reception/surveys?estateId={estateId}", ApiJson.Options, Ct);
        list!.Items.Select(s => s.Id).Should().Equal(survey.Id);
    }

    [Fact]
    public async Task Only_supervisors_and_managers_of_the_estate_run_surveys()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var body = new { estateId, title = "Survey", opensOn = Today, closesOn = Today, questions = Questions };
        (await reception.CreateClient(TestCaller.Clerk(estateId)).PostAsJsonAsync("/api/reception/surveys", body, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Owner(estateId, units[0])).PostAsJsonAsync("/api/reception/surveys", body, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Supervisor(otherEstate).PostAsJsonAsync("/api/reception/surveys", body, Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "not their estate");
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.EstateManager, estateId)).PostAsJsonAsync("/api/reception/surveys", body, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var survey = await OpenAsync(estateId);
        (await reception.CreateClient(TestCaller.Clerk(estateId)).GetAsync($"/api/reception/surveys/{survey.Id}/results", Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "results are for the supervisors");
        (await Supervisor(otherEstate).GetAsync($"/api/reception/surveys/{survey.Id}/results", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Supervisor(otherEstate).PostAsync($"/api/reception/surveys/{survey.Id}/close", null, Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_names_each_bad_field_and_needs_a_rating_question()
    {
        var (estateId, _) = await reception.NewEstateAsync();
        var supervisor = Supervisor(estateId);
        var bad = await supervisor.PostAsJsonAsync("/api/reception/surveys", new
        {
            estateId,
            title = "",
            opensOn = "2026-12-10",
            closesOn = "2026-12-01",
            questions = new object[]
            {
                new { kind = "rating", text = "Ok?" },
                new { kind = "choice", text = "Pick", options = OneOption },
                new { kind = "stars", text = "Huh" },
                new { kind = "text", text = "Say", options = TwoOptions },
            },
        }, Ct);
        (await FieldsAsync(bad)).Should().BeEquivalentTo(["title", "closesOn", "questions[1].options", "questions[2].kind", "questions[3].options"]);
        var noRating = await supervisor.PostAsJsonAsync("/api/reception/surveys", new
        {
            estateId, title = "Texts only", opensOn = Today, closesOn = Today, questions = new object[] { new { kind = "text", text = "Say" } },
        }, Ct);
        (await FieldsAsync(noRating)).Should().Equal("questions");
        var noQuestions = await supervisor.PostAsJsonAsync("/api/reception/surveys", new { estateId, title = "Empty", opensOn = "10/12/2026", closesOn = Today }, Ct);
        (await FieldsAsync(noQuestions)).Should().BeEquivalentTo(["opensOn", "questions"]);
        var stored = await reception.InScopeAsync(sp => sp.GetRequiredService<ReceptionDbContext>().Surveys.AsNoTracking().CountAsync(s => s.EstateId == estateId, Ct));
        stored.Should().Be(0);
    }

    [Fact]
    public async Task An_owner_answers_an_open_survey_once_per_unit()
    {
        var (estateId, units) = await reception.NewEstateAsync(2);
        var survey = await OpenAsync(estateId);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0], units[1]));

        var first = await AnswerAsync(owner, survey.Id, units[0], Answers(4, 3, "Security", "Thanks"));
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var submission = (await first.Content.ReadFromJsonAsync<SurveySubmissionResponse>(ApiJson.Options, Ct))!;
        submission.Should().Match<SurveySubmissionResponse>(s => s.AverageRating == 3.5m && s.Satisfied && s.Channel == SurveyChannel.App && s.UnitId == units[0]);

        (await AnswerAsync(owner, survey.Id, units[0], Answers(5, 5, "Cleaning"))).StatusCode.Should().Be(HttpStatusCode.Conflict, "once per unit");
        (await AnswerAsync(owner, survey.Id, units[1], Answers(2, 2, "Repairs"))).StatusCode.Should().Be(HttpStatusCode.Created, "the owner's other unit answers for itself");
        (await SubmissionsAsync(survey.Id)).Should().Be(2);
    }

    [Fact]
    public async Task A_draft_or_closed_survey_takes_no_answers()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));
        var draft = await DraftAsync(estateId);
        (await AnswerAsync(owner, draft.Id, units[0], Answers(5, 5, "Security"))).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var open = await OpenAsync(estateId);
        (await Supervisor(estateId).PostAsync($"/api/reception/surveys/{open.Id}/close", null, Ct)).EnsureSuccessStatusCode();
        (await AnswerAsync(owner, open.Id, units[0], Answers(5, 5, "Security"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        (await clerk.PostAsJsonAsync($"/api/reception/surveys/{open.Id}/recorded-answers", new { unitId = units[0], channel = "phone", answers = Answers(5, 5, "Security") }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Conflict);

        var tomorrow = DateOnly.ParseExact(Today, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var later = await DraftAsync(estateId, opensOn: tomorrow, closesOn: tomorrow);
        (await Supervisor(estateId).PostAsync($"/api/reception/surveys/{later.Id}/publish", null, Ct)).EnsureSuccessStatusCode();
        (await AnswerAsync(owner, later.Id, units[0], Answers(5, 5, "Security"))).StatusCode.Should().Be(HttpStatusCode.Conflict, "it opens tomorrow, estate time");
        (await SubmissionsAsync(draft.Id) + await SubmissionsAsync(open.Id) + await SubmissionsAsync(later.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Answers_must_fit_the_questions_and_each_bad_answer_is_named()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var survey = await OpenAsync(estateId);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));

        var bad = await AnswerAsync(owner, survey.Id, units[0], new object?[] { new { rating = 6 }, null, new { choice = "Parking" }, new { rating = 3 } });
        (await FieldsAsync(bad)).Should().BeEquivalentTo(["answers[0]", "answers[1]", "answers[2]", "answers[3]"]);
        var tooMany = await AnswerAsync(owner, survey.Id, units[0], new object?[] { new { rating = 3 }, new { rating = 3 }, new { choice = "Security" }, null, new { text = "extra" } });
        (await FieldsAsync(tooMany)).Should().Equal("answers[4]");
        var wrongKind = await AnswerAsync(owner, survey.Id, units[0], new object?[] { new { choice = "Security" }, new { rating = 0 }, new { choice = "Security" } });
        (await FieldsAsync(wrongKind)).Should().BeEquivalentTo(["answers[0]", "answers[1]"]);
        var none = await owner.PostAsJsonAsync($"/api/reception/surveys/{survey.Id}/answers", new { unitId = units[0] }, Ct);
        (await FieldsAsync(none)).Should().Equal("answers");
        (await SubmissionsAsync(survey.Id)).Should().Be(0);

        (await AnswerAsync(owner, survey.Id, units[0], new object?[] { new { rating = 1 }, new { rating = 5 }, new { choice = "Repairs" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "the optional text may be left out");
    }

    [Fact]
    public async Task An_owner_answers_only_for_their_own_units_and_sees_only_their_estates_surveys()
    {
        var (estateId, units) = await reception.NewEstateAsync(2);
        var (otherEstate, otherUnits) = await reception.NewEstateAsync();
        var survey = await OpenAsync(estateId);
        var elsewhere = await OpenAsync(otherEstate);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));

        (await AnswerAsync(owner, survey.Id, units[1], Answers(5, 5, "Security"))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the neighbour's unit");
        (await AnswerAsync(owner, elsewhere.Id, units[0], Answers(5, 5, "Security"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AnswerAsync(owner, elsewhere.Id, otherUnits[0], Answers(5, 5, "Security"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await owner.GetAsync($"/api/reception/surveys/{elsewhere.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await owner.GetAsync($"/api/reception/surveys/{survey.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        var draft = await DraftAsync(estateId);
        (await owner.GetAsync($"/api/reception/surveys/{draft.Id}", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, "owners see a survey once it is published");
        (await owner.GetAsync($"/api/reception/surveys/{survey.Id}/results", Ct)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await SubmissionsAsync(survey.Id) + await SubmissionsAsync(elsewhere.Id)).Should().Be(0);
    }

    [Fact]
    public async Task An_owner_lists_the_open_surveys_of_their_estate_they_have_not_answered()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var answered = await OpenAsync(estateId);
        var pending = await OpenAsync(estateId);
        await DraftAsync(estateId);
        var closed = await OpenAsync(estateId);
        (await Supervisor(estateId).PostAsync($"/api/reception/surveys/{closed.Id}/close", null, Ct)).EnsureSuccessStatusCode();
        await OpenAsync(otherEstate);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));
        (await AnswerAsync(owner, answered.Id, units[0], Answers(4, 4, "Security"))).EnsureSuccessStatusCode();

        var mine = await owner.GetFromJsonAsync<Page<SurveyResponse>>("/api/reception/surveys/mine", ApiJson.Options, Ct);
        mine!.Items.Select(s => s.Id).Should().Equal(pending.Id);
    }

    [Fact]
    public async Task The_desk_records_answers_taken_by_phone_for_a_unit_of_its_estate()
    {
        var (estateId, units) = await reception.NewEstateAsync();
        var (otherEstate, _) = await reception.NewEstateAsync();
        var survey = await OpenAsync(estateId);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));

        var badChannel = await clerk.PostAsJsonAsync($"/api/reception/surveys/{survey.Id}/recorded-answers", new { unitId = units[0], channel = "app", answers = Answers(4, 4, "Cleaning") }, Ct);
        (await FieldsAsync(badChannel)).Should().Equal("channel");
        (await reception.CreateClient(TestCaller.Staff(PlatformRoles.Technician, estateId))
            .PostAsJsonAsync($"/api/reception/surveys/{survey.Id}/recorded-answers", new { unitId = units[0], channel = "phone", answers = Answers(4, 4, "Cleaning") }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reception.CreateClient(TestCaller.Clerk(otherEstate))
            .PostAsJsonAsync($"/api/reception/surveys/{survey.Id}/recorded-answers", new { unitId = units[0], channel = "phone", answers = Answers(4, 4, "Cleaning") }, Ct))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        var foreignUnit = await clerk.PostAsJsonAsync($"/api/reception/surveys/{survey.Id}/recorded-answers", new { unitId = Guid.NewGuid(), channel = "phone", answers = Answers(4, 4, "Cleaning") }, Ct);
        (await FieldsAsync(foreignUnit)).Should().Equal("unitId");

        var recorded = await clerk.PostAsJsonAsync($"/api/reception/surveys/{survey.Id}/recorded-answers", new { unitId = units[0], channel = "phone", answers = Answers(4, 4, "Cleaning") }, Ct);
        recorded.StatusCode.Should().Be(HttpStatusCode.Created);
        (await recorded.Content.ReadFromJsonAsync<SurveySubmissionResponse>(ApiJson.Options, Ct))!.Channel.Should().Be(SurveyChannel.Phone);
        var owner = reception.CreateClient(TestCaller.Owner(estateId, units[0]));
        (await AnswerAsync(owner, survey.Id, units[0], Answers(5, 5, "Security"))).StatusCode.Should().Be(HttpStatusCode.Conflict, "the unit answered on the phone");
    }

    [Fact]
    public async Task Results_give_averages_distributions_choice_counts_the_response_rate_and_satisfaction()
    {
        // Four occupied units and one vacant: the rate is over the occupied ones.
        var (estateId, units) = await reception.NewEstateAsync(4);
        await reception.AddUnitAsync(estateId, UnitStatus.Vacant);
        var survey = await OpenAsync(estateId);
        var clerk = reception.CreateClient(TestCaller.Clerk(estateId));
        async Task RecordAsync(Guid unit, object answers) =>
            (await clerk.PostAsJsonAsync($"/api/reception/surveys/{survey.Id}/recorded-answers", new { unitId = unit, channel = "visit", answers }, Ct)).EnsureSuccessStatusCode();
        await RecordAsync(units[0], Answers(5, 4, "Security", "Great guards"));   // 4.5 satisfied
        await RecordAsync(units[1], Answers(2, 3, "Security", "Slow repairs"));   // 2.5 not
        await RecordAsync(units[2], Answers(3, 3, "Repairs"));                    // 3.0 satisfied

        var results = (await Supervisor(estateId).GetFromJsonAsync<SurveyResultsResponse>($"/api/reception/surveys/{survey.Id}/results", ApiJson.Options, Ct))!;

        results.Responses.Should().Be(3);
        results.OccupiedUnits.Should().Be(4);
        results.ResponseRate.Should().Be(0.75m);
        results.Satisfaction.Should().Match<Reception.Features.Callbacks.SatisfactionLine>(s => s.Answered == 3 && s.Satisfied == 2 && s.Rate == 0.6667m && !s.MeetsTarget && s.Target == 0.90m);
        results.Questions[0].Should().Match<SurveyQuestionResult>(q => q.Answered == 3 && q.AverageRating == 3.33m);
        results.Questions[0].Distribution.Should().Equal(0, 1, 1, 0, 1);
        results.Questions[1].AverageRating.Should().Be(3.33m);
        results.Questions[1].Distribution.Should().Equal(0, 0, 2, 1, 0);
        results.Questions[2].Choices.Should().Equal(new SurveyChoiceCount("Security", 2), new SurveyChoiceCount("Cleaning", 0), new SurveyChoiceCount("Repairs", 1));
        results.Questions[3].TextAnswers.Should().Be(2);

        var first = (await Supervisor(estateId).GetFromJsonAsync<Page<SurveyTextAnswerResponse>>($"/api/reception/surveys/{survey.Id}/texts?question=4&limit=1", ApiJson.Options, Ct))!;
        first.Items.Select(t => t.Text).Should().Equal("Slow repairs");
        var second = (await Supervisor(estateId).GetFromJsonAsync<Page<SurveyTextAnswerResponse>>(
            $"/api/reception/surveys/{survey.Id}/texts?question=4&limit=1&cursor={Uri.EscapeDataString(first.NextCursor!)}", ApiJson.Options, Ct))!;
        second.Items.Select(t => t.Text).Should().Equal("Great guards");
        (await FieldsAsync(await Supervisor(estateId).GetAsync($"/api/reception/surveys/{survey.Id}/texts?question=1", Ct))).Should().Equal("question");
    }
}
