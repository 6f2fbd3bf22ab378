using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Owner.Surveys;
using PropertyPlatform.Web.Components.Pages.Supervisor.Surveys;

namespace PropertyPlatform.Web.Tests;

public sealed class SurveyFormsTests
{
    private static readonly SurveyQuestionView[] Questions =
    [
        new(1, "Rating", "The front desk", true, []),
        new(2, "Choice", "Improve first", true, ["Cleaning", "Security"]),
        new(3, "Text", "Anything else", false, []),
    ];

    [Fact]
    public void The_owners_answers_go_to_reception_each_in_the_field_of_its_questions_kind()
    {
        var sheet = new AnswerSheet(Questions);
        (sheet.Fields[0].Value, sheet.Fields[1].Value, sheet.Fields[2].Value) = ("4", "Security", "  More bins  ");

        sheet.ToAnswers().Should().Equal(new SurveyAnswerBody(4, null, null), new SurveyAnswerBody(null, "Security", null), new SurveyAnswerBody(null, null, "More bins"));
    }

    [Fact]
    public void A_question_left_blank_is_no_answer_so_reception_says_whether_it_was_required()
    {
        var sheet = new AnswerSheet(Questions);
        (sheet.Fields[0].Value, sheet.Fields[2].Value) = ("", "   ");

        sheet.ToAnswers().Should().HaveCount(3).And.AllSatisfy(answer => answer.Should().BeNull());
    }

    [Fact]
    public void Only_a_choice_question_sends_its_options_one_per_line_without_blank_lines()
    {
        var form = SurveyDraftForm.New(new DateOnly(2026, 12, 2));
        form.Questions[0].Options = "left over";
        form.Questions.Add(new() { Kind = "Choice", Text = "Improve first", Options = "Cleaning\r\n\n Security \n" });

        var draft = form.ToDraft(Guid.Empty);

        (draft.OpensOn, draft.ClosesOn).Should().Be(("2026-12-02", "2026-12-15"));
        draft.Questions[0].Options.Should().BeNull();
        draft.Questions[1].Options.Should().Equal("Cleaning", "Security");
    }

    [Fact]
    public void A_saved_draft_comes_back_into_the_form_as_it_was_written()
    {
        var survey = new SurveyView(Guid.NewGuid(), Guid.NewGuid(), "Spring", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "Draft", Questions,
            DateTimeOffset.UtcNow, null, null);

        var revision = SurveyDraftForm.From(survey).ToRevision();

        revision.Should().BeEquivalentTo(new ReviseSurveyBody("Spring", "2026-03-01", "2026-03-31",
        [
            new("Rating", "The front desk", true, null), new("Choice", "Improve first", true, ["Cleaning", "Security"]), new("Text", "Anything else", false, null),
        ]));
    }
}
