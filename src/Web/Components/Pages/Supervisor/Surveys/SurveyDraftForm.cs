using System.Globalization;
using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Supervisor.Surveys;

/// <summary>
/// A survey as the supervisor writes it: the title, its period (estate-local days) and its questions, a choice
/// question's options one per line. Reception checks it all and answers field errors by the same positions.
/// </summary>
public sealed class SurveyDraftForm
{
    public string? Title { get; set; }

    public string? OpensOn { get; set; }

    public string? ClosesOn { get; set; }

    public List<QuestionLine> Questions { get; } = [new()];

    /// <summary>A new survey: from <paramref name="today"/> for two weeks, its first question a rating (what satisfaction is measured on).</summary>
    public static SurveyDraftForm New(DateOnly today) => new() { OpensOn = Day(today), ClosesOn = Day(today.AddDays(13)) };

    /// <summary>A saved draft, to carry on writing.</summary>
    public static SurveyDraftForm From(SurveyView survey)
    {
        var form = new SurveyDraftForm { Title = survey.Title, OpensOn = Day(survey.OpensOn), ClosesOn = Day(survey.ClosesOn) };
        form.Questions.Clear();
        form.Questions.AddRange(survey.Questions.Select(q => new QuestionLine
        {
            Kind = q.Kind, Text = q.Text, Required = q.Required, Options = string.Join('\n', q.Options),
        }));
        return form;
    }

    public DraftSurveyBody ToDraft(Guid estateId) => new(estateId, Title, Blank(OpensOn), Blank(ClosesOn), [.. Questions.Select(q => q.ToBody())]);

    public ReviseSurveyBody ToRevision() => new(Title, Blank(OpensOn), Blank(ClosesOn), [.. Questions.Select(q => q.ToBody())]);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public sealed class QuestionLine
    {
        public string Kind { get; set; } = "Rating";

        public string? Text { get; set; }

        public bool Required { get; set; } = true;

        /// <summary>A choice question's options, one per line (blank lines left out).</summary>
        public string? Options { get; set; }

        public SurveyQuestionBody ToBody() => new(
            Kind,
            Text,
            Required,
            Kind == "Choice" ? [.. (Options ?? "").Split('\n').Select(o => o.Trim()).Where(o => o.Length > 0)] : null);
    }
}
