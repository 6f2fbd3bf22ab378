using Bunit;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Supervisor.Surveys;

namespace PropertyPlatform.Web.Tests;

public sealed class SurveyResultsPanelTests : EnglishComponentTest
{
    private static SurveyResultsView Results(SatisfactionLineView satisfaction, params SurveyQuestionResultView[] questions) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "Spring survey", "Open", 4, 10, 0.4m, satisfaction, questions);

    private IRenderedComponent<SurveyResultsPanel> Render(SurveyResultsView results) =>
        Context.Render<SurveyResultsPanel>(panel => panel.Add(p => p.Results, results));

    [Fact]
    public void Satisfaction_at_or_above_the_target_reads_as_met_with_its_figures()
    {
        var panel = Render(Results(new SatisfactionLineView(4, 4, 1m, 0.9m, true)));

        panel.Find("[data-testid=survey-responses]").TextContent.Should().Be("Responses: 4 of 10 occupied units · response rate 40%");
        var satisfaction = panel.Find("[data-testid=survey-satisfaction]").TextContent;
        satisfaction.Should().Contain("Satisfaction 100% (4 of 4 rated responses satisfied) · target 90%").And.Contain("✓").And.Contain("Target met");
    }

    [Fact]
    public void Satisfaction_below_the_target_says_missed_in_words_not_only_in_red()
    {
        var panel = Render(Results(new SatisfactionLineView(3, 2, 0.6667m, 0.9m, false)));

        var satisfaction = panel.Find("[data-testid=survey-satisfaction]").TextContent;
        satisfaction.Should().Contain("Satisfaction 66.7% (2 of 3").And.Contain("✗").And.Contain("Target missed");
    }

    [Fact]
    public void A_survey_without_ratings_has_no_verdict_though_reception_counts_it_as_meeting_the_target()
    {
        var panel = Render(Results(new SatisfactionLineView(0, 0, null, 0.9m, true)));

        var satisfaction = panel.Find("[data-testid=survey-satisfaction]").TextContent;
        satisfaction.Should().Contain("Satisfaction —").And.Contain("No ratings yet").And.NotContain("Target met");
    }

    [Fact]
    public void A_ratings_distribution_lists_each_score_from_five_down_with_its_share_of_the_answers()
    {
        var panel = Render(Results(new SatisfactionLineView(4, 3, 0.75m, 0.9m, false),
            new SurveyQuestionResultView(1, "Rating", "The front desk", 4, 3.25m, [1, 0, 1, 1, 1], null, null),
            new SurveyQuestionResultView(2, "Choice", "Improve first", 3, null, null, [new("Cleaning", 2), new("Security", 1)], null),
            new SurveyQuestionResultView(3, "Text", "Anything else", 2, null, null, null, 2)));

        var rows = panel.FindAll("[data-testid=distribution-1] tbody tr");
        rows.Select(r => r.GetAttribute("data-score")).Should().Equal("5", "4", "3", "2", "1");
        rows.Select(r => r.TextContent).Should().Equal("5125%", "4125%", "3125%", "200%", "1125%");
        panel.Markup.Should().Contain("4 answers · average 3.25 of 5").And.Contain("66.7%").And.Contain("2 written answers");
    }
}
