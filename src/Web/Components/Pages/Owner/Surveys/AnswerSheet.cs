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
    /// <summary>
    /// One field per question, in order. An input binds a field's <see cref="Field.Value"/>, a member: FluentUI's inputs
    /// name what they are bound to from the binding's expression and refuse an array element (<c>Values[i]</c>).
    /// </summary>
    public IReadOnlyList<Field> Fields { get; } = [.. questions.Select(_ => new Field())];

    public IReadOnlyList<SurveyAnswerBody?> ToAnswers() =>
        [.. questions.Select((question, i) => Answer(question, Fields[i].Value))];

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

    /// <summary>What the owner put down for one question.</summary>
    public sealed class Field
    {
        public string? Value { get; set; }
    }
}
