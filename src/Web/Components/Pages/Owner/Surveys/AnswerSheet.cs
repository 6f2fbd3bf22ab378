using System.Globalization;
using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Owner.Surveys;

/// <summary>
/// What the owner has put down for each question, as the form's fields hold it (text), and the answers reception takes:
/// one per question in order, the one field of the question's kind, nothing for a question left blank (reception says
/// when that question is required).
/// </summary>
public sealed class AnswerSheet(IReadOnlyList<SurveyQuestionView> questions)
{
    public string?[] Values { get; } = new string?[questions.Count];

    public IReadOnlyList<SurveyAnswerBody?> ToAnswers() =>
        [.. questions.Select((question, i) => Answer(question, Values[i]))];

    private static SurveyAnswerBody? Answer(SurveyQuestionView question, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return question.Kind switch
        {
            "Rating" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating) ? new(rating, null, null) : null,
            "Choice" => new(null, value, null),
            _ => new(null, null, value.Trim()),
        };
    }
}
