namespace PropertyPlatform.Web.Api;

/// <summary>
/// A satisfaction survey as reception's <c>/surveys</c> returns it: <see cref="Status"/> is <c>Draft</c>, <c>Open</c> or
/// <c>Closed</c>; it takes answers from <see cref="OpensOn"/> to <see cref="ClosesOn"/>, both days in the estate's calendar.
/// </summary>
public sealed record SurveyView(
    Guid Id,
    Guid EstateId,
    string Title,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    string Status,
    IReadOnlyList<SurveyQuestionView> Questions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ClosedAt);

/// <summary>A question, numbered from 1: <see cref="Kind"/> is <c>Rating</c> (1 to 5), <c>Choice</c> (one of <see cref="Options"/>) or <c>Text</c>.</summary>
public sealed record SurveyQuestionView(int Number, string Kind, string Text, bool Required, IReadOnlyList<string> Options);

/// <summary>Reception's SurveyQuestionCommand.</summary>
public sealed record SurveyQuestionBody(string? Kind, string? Text, bool? Required, IReadOnlyList<string>? Options);

/// <summary>Reception's DraftSurveyCommand: the days are <c>yyyy-MM-dd</c> in the estate's calendar.</summary>
public sealed record DraftSurveyBody(Guid? EstateId, string? Title, string? OpensOn, string? ClosesOn, IReadOnlyList<SurveyQuestionBody> Questions);

/// <summary>Reception's ReviseSurveyCommand: a draft rewritten (everything but its estate).</summary>
public sealed record ReviseSurveyBody(string? Title, string? OpensOn, string? ClosesOn, IReadOnlyList<SurveyQuestionBody> Questions);

/// <summary>One answer (reception's SurveyAnswerInput): the one field of its question's kind, or none for an optional question left out.</summary>
public sealed record SurveyAnswerBody(int? Rating, string? Choice, string? Text);

/// <summary>Reception's AnswerSurveyCommand: one answer per question, in order, for one of the owner's units.</summary>
public sealed record AnswerSurveyBody(Guid? UnitId, IReadOnlyList<SurveyAnswerBody?> Answers);

/// <summary>A unit's answers as reception stored them.</summary>
public sealed record SurveySubmissionView(Guid Id, Guid SurveyId, Guid UnitId, string Channel, DateTimeOffset SubmittedAt, decimal? AverageRating, bool Satisfied);

/// <summary>Satisfied among those answered, as a fraction (null when nobody answered), against the group's target.</summary>
public sealed record SatisfactionLineView(int Answered, int Satisfied, decimal? Rate, decimal Target, bool MeetsTarget);

public sealed record SurveyChoiceCountView(string Option, int Count);

/// <summary>One question's results: a rating's average and its count per score (<c>Distribution[0]</c> counts the 1s), a choice's count per option.</summary>
public sealed record SurveyQuestionResultView(
    int Number,
    string Kind,
    string Text,
    int Answered,
    decimal? AverageRating,
    IReadOnlyList<int>? Distribution,
    IReadOnlyList<SurveyChoiceCountView>? Choices,
    int? TextAnswers);

/// <summary>Reception's <c>/surveys/{id}/results</c>: responses against the estate's occupied units, and satisfaction against 90 %.</summary>
public sealed record SurveyResultsView(
    Guid SurveyId,
    Guid EstateId,
    string Title,
    string Status,
    int Responses,
    int OccupiedUnits,
    decimal? ResponseRate,
    SatisfactionLineView Satisfaction,
    IReadOnlyList<SurveyQuestionResultView> Questions);
