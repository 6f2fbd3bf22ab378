using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class SurveyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Day = new(2026, 11, 23);

    private static readonly SurveyQuestion[] Questions =
    [
        new(1, SurveyQuestionKind.Rating, "Overall?", true, []),
        new(2, SurveyQuestionKind.Rating, "Cleaning?", false, []),
        new(3, SurveyQuestionKind.Choice, "Most important?", true, ["Security", "Cleaning"]),
        new(4, SurveyQuestionKind.Text, "Anything else?", false, []),
    ];

    private static Survey Open()
    {
        var survey = Survey.Draft(Guid.NewGuid(), "Survey", Day, Day.AddDays(7), Questions, "sup-1", T0);
        survey.Publish(T0);
        return survey;
    }

    [Fact]
    public void A_survey_asks_at_least_one_rating_question_and_closes_after_it_opens()
    {
        var textOnly = () => Survey.Draft(Guid.NewGuid(), "S", Day, Day, [new SurveyQuestion(1, SurveyQuestionKind.Text, "Say", true, [])], "sup-1", T0);
        textOnly.Should().Throw<ArgumentException>();
        var backwards = () => Survey.Draft(Guid.NewGuid(), "S", Day, Day.AddDays(-1), Questions, "sup-1", T0);
        backwards.Should().Throw<ArgumentException>();
        var oneOption = () => Survey.Draft(Guid.NewGuid(), "S", Day, Day, [Questions[0], new SurveyQuestion(2, SurveyQuestionKind.Choice, "Pick", true, ["Only"])], "sup-1", T0);
        oneOption.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Questions_change_only_while_drafted_and_a_survey_goes_draft_open_closed()
    {
        var survey = Survey.Draft(Guid.NewGuid(), "Survey", Day, Day, Questions, "sup-1", T0);
        survey.Revise("Shorter", Day, Day, [Questions[0]]);
        survey.Questions.Should().ContainSingle();
        survey.Invoking(s => s.Close(T0)).Should().Throw<ConflictException>("a draft is published first");
        survey.Publish(T0);
        survey.Status.Should().Be(SurveyStatus.Open);
        survey.Invoking(s => s.Publish(T0)).Should().Throw<ConflictException>();
        survey.Close(T0);
        survey.Status.Should().Be(SurveyStatus.Closed);
    }

    [Fact]
    public void An_open_survey_takes_answers_only_between_its_dates_and_not_once_closed()
    {
        var survey = Open();
        survey.AcceptsAnswers(Day.AddDays(-1)).Should().BeFalse();
        survey.AcceptsAnswers(Day).Should().BeTrue();
        survey.AcceptsAnswers(Day.AddDays(7)).Should().BeTrue();
        survey.AcceptsAnswers(Day.AddDays(8)).Should().BeFalse();
        survey.Invoking(s => s.Revise("Changed", Day, Day, [Questions[0]])).Should().Throw<ConflictException>();
        survey.Close(T0);
        survey.AcceptsAnswers(Day).Should().BeFalse();
        var late = () => SurveySubmission.Submit(survey, Guid.NewGuid(), SurveyChannel.App, [new(4, null, null), null, new(null, "Security", null)], "o", Day, T0);
        late.Should().Throw<ConflictException>();
    }

    [Fact]
    public void A_response_is_satisfied_when_its_average_rating_is_at_least_3_and_skipped_optional_ratings_do_not_count()
    {
        var survey = Open();
        var satisfied = SurveySubmission.Submit(survey, Guid.NewGuid(), SurveyChannel.App, [new(4, null, null), new(2, null, null), new(null, "Security", null)], "o", Day, T0);
        satisfied.Should().Match<SurveySubmission>(s => s.AverageRating == 3m && s.Satisfied);
        var single = SurveySubmission.Submit(survey, Guid.NewGuid(), SurveyChannel.Phone, [new(2, null, null), null, new(null, "Cleaning", null), new(null, null, " Noisy ")], "o", Day, T0);
        single.Should().Match<SurveySubmission>(s => s.AverageRating == 2m && !s.Satisfied && s.Answers.Count == 3);
        single.Answers.Single(a => a.QuestionNumber == 4).Text.Should().Be("Noisy");
    }

    [Fact]
    public void Check_names_each_answer_that_does_not_fit_its_question()
    {
        var survey = Open();
        survey.Check([new(0, null, null), new(null, "Security", null), new(null, "Parking", null), new(3, null, null), new(null, null, "x")])
            .Select(e => e.Index).Should().Equal(0, 1, 2, 3, 4);
        survey.Check([null, null, null]).Select(e => e.Index).Should().Equal(0, 2);
        survey.Check([new(5, null, null), null, new(null, "Cleaning", null)]).Should().BeEmpty();
    }
}
