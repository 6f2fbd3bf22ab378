using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>A survey is drafted, opened to answers (its questions then fixed), and closed.</summary>
public enum SurveyStatus
{
    Draft,
    Open,
    Closed,
}

public enum SurveyQuestionKind
{
    /// <summary>A score from 1 (very dissatisfied) to 5 (very satisfied).</summary>
    Rating,

    /// <summary>One of the question's options.</summary>
    Choice,

    /// <summary>Free text.</summary>
    Text,
}

/// <summary>How a unit's answers came in: the owner through the app, or the desk on the phone or on a visit.</summary>
public enum SurveyChannel
{
    App,
    Phone,
    Visit,
}

/// <summary>One question of a survey, numbered from 1 in the order asked; a choice question lists its options.</summary>
public sealed record SurveyQuestion(int Number, SurveyQuestionKind Kind, string Text, bool Required, List<string> Options);

/// <summary>One answer as given: a rating, a choice or a text, or nothing for an optional question left out.</summary>
public sealed record SurveyAnswerInput(int? Rating, string? Choice, string? Text)
{
    public bool IsEmpty => Rating is null && Choice is null && Text is null;
}

/// <summary>
/// A periodic satisfaction survey of one estate: open to answers between two estate-local dates once published,
/// each unit answering once. At least one question is a rating, which is what the survey's satisfaction is measured on.
/// </summary>
public sealed class Survey : IEstateOwned
{
    private readonly List<SurveyQuestion> _questions = [];

    private Survey()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The estate-local day answers are first accepted.</summary>
    public DateOnly OpensOn { get; private set; }

    /// <summary>The estate-local day answers are last accepted.</summary>
    public DateOnly ClosesOn { get; private set; }

    public SurveyStatus Status { get; private set; }

    public IReadOnlyList<SurveyQuestion> Questions => _questions;

    /// <summary>The account (token subject) that drafted it.</summary>
    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public uint Version { get; private set; }

    public static Survey Draft(
        Guid estateId, string title, DateOnly opensOn, DateOnly closesOn, IEnumerable<SurveyQuestion> questions, string createdBy, DateTimeOffset now)
    {
        var survey = new Survey
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            Status = SurveyStatus.Draft,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        survey.Set(title, opensOn, closesOn, questions);
        return survey;
    }

    /// <summary>Changes a draft; once open, the questions stay as they were asked.</summary>
    public void Revise(string title, DateOnly opensOn, DateOnly closesOn, IEnumerable<SurveyQuestion> questions)
    {
        Require(SurveyStatus.Draft);
        Set(title, opensOn, closesOn, questions);
    }

    public void Publish(DateTimeOffset now)
    {
        Require(SurveyStatus.Draft);
        Status = SurveyStatus.Open;
        PublishedAt = now;
    }

    public void Close(DateTimeOffset now)
    {
        Require(SurveyStatus.Open);
        Status = SurveyStatus.Closed;
        ClosedAt = now;
    }

    /// <summary>Open, and <paramref name="today"/> (the estate's local date) within its dates.</summary>
    public bool AcceptsAnswers(DateOnly today) => Status == SurveyStatus.Open && OpensOn <= today && today <= ClosesOn;

    /// <summary>What is wrong with each answer (by position), answers given positionally, one per question.</summary>
    public IEnumerable<(int Index, string Error)> Check(IReadOnlyList<SurveyAnswerInput?> answers)
    {
        for (var i = 0; i < _questions.Count; i++)
        {
            var question = _questions[i];
            var answer = i < answers.Count ? answers[i] : null;
            if (answer is null || answer.IsEmpty)
            {
                if (question.Required)
                {
                    yield return (i, $"Question {question.Number} is required.");
                }

                continue;
            }

            var error = question.Kind switch
            {
                SurveyQuestionKind.Rating when answer.Choice is not null || answer.Text is not null || answer.Rating is not (>= 1 and <= 5) =>
                    "A rating from 1 (very dissatisfied) to 5 (very satisfied), and nothing else.",
                SurveyQuestionKind.Choice when answer.Rating is not null || answer.Text is not null || answer.Choice is null || !question.Options.Contains(answer.Choice) =>
                    $"One of the options: {string.Join(", ", question.Options)}.",
                SurveyQuestionKind.Text when answer.Rating is not null || answer.Choice is not null || string.IsNullOrWhiteSpace(answer.Text) || answer.Text.Length > SurveySubmission.MaxTextLength =>
                    $"A text of at most {SurveySubmission.MaxTextLength} characters, and nothing else.",
                _ => null,
            };
            if (error is not null)
            {
                yield return (i, error);
            }
        }

        for (var i = _questions.Count; i < answers.Count; i++)
        {
            yield return (i, $"The survey has {_questions.Count} questions.");
        }
    }

    private void Set(string title, DateOnly opensOn, DateOnly closesOn, IEnumerable<SurveyQuestion> questions)
    {
        var list = questions.ToList();
        if (closesOn < opensOn)
        {
            throw new ArgumentException("A survey closes on or after the day it opens.", nameof(closesOn));
        }

        if (!list.Any(q => q.Kind == SurveyQuestionKind.Rating))
        {
            throw new ArgumentException("A survey asks at least one rating question.", nameof(questions));
        }

        if (list.Where((q, i) => q.Number != i + 1).Any())
        {
            throw new ArgumentException("Questions are numbered from 1, in order.", nameof(questions));
        }

        if (list.Any(q => q.Kind == SurveyQuestionKind.Choice ? q.Options.Count < 2 || q.Options.Distinct().Count() != q.Options.Count : q.Options.Count != 0))
        {
            throw new ArgumentException("A choice question has two or more distinct options; other questions have none.", nameof(questions));
        }

        Title = title.Trim();
        OpensOn = opensOn;
        ClosesOn = closesOn;
        _questions.Clear();
        _questions.AddRange(list);
    }

    private void Require(SurveyStatus status)
    {
        if (Status != status)
        {
            throw new ConflictException($"The survey is {Status}; this needs it {status}.");
        }
    }
}

/// <summary>
/// One unit's answers to a survey (once per unit), with its average rating: the unit counts as satisfied when that
/// average is at least <see cref="SatisfiedFrom"/>.
/// </summary>
public sealed class SurveySubmission : IUnitScoped
{
    public const decimal SatisfiedFrom = 3m;
    public const int MaxTextLength = 2000;

    private SurveySubmission()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid SurveyId { get; private set; }

    /// <summary>Always set: a survey is answered for a unit.</summary>
    public Guid? UnitId { get; private set; }

    public SurveyChannel Channel { get; private set; }

    /// <summary>The account (token subject) that submitted or recorded it.</summary>
    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The mean of the rating answers, to two places; null when every rating question asked was optional and left out.</summary>
    public decimal? AverageRating { get; private set; }

    public bool Satisfied { get; private set; }

    public List<SurveyAnswer> Answers { get; private set; } = [];

    /// <summary>Answers (one per question, positionally, already checked with <see cref="Survey.Check"/>) for a unit.</summary>
    public static SurveySubmission Submit(
        Survey survey, Guid unitId, SurveyChannel channel, IReadOnlyList<SurveyAnswerInput?> answers, string recordedBy, DateOnly today, DateTimeOffset now)
    {
        if (!survey.AcceptsAnswers(today))
        {
            throw new ConflictException(survey.Status == SurveyStatus.Open
                ? $"The survey takes answers from {survey.OpensOn:yyyy-MM-dd} to {survey.ClosesOn:yyyy-MM-dd}."
                : $"The survey is {survey.Status}; it takes no answers.");
        }

        if (survey.Check(answers).Any())
        {
            throw new ArgumentException("The answers do not fit the survey's questions.", nameof(answers));
        }

        var id = Guid.CreateVersion7(now);
        var given = survey.Questions
            .Select((q, i) => (Question: q, Answer: i < answers.Count ? answers[i] : null))
            .Where(x => x.Answer is { IsEmpty: false })
            .Select(x => SurveyAnswer.For(id, survey, unitId, x.Question.Number, x.Answer!, now))
            .ToList();
        var ratings = given.Where(a => a.Rating is not null).Select(a => (decimal)a.Rating!.Value).ToList();
        decimal? average = ratings.Count == 0 ? null : Math.Round(ratings.Average(), 2);
        return new()
        {
            Id = id,
            EstateId = survey.EstateId,
            SurveyId = survey.Id,
            UnitId = unitId,
            Channel = channel,
            RecordedBy = recordedBy,
            SubmittedAt = now,
            AverageRating = average,
            // Unanswered optional ratings do not count; a response without any rating says nothing of satisfaction.
            Satisfied = ratings.Count > 0 && ratings.Average() >= SatisfiedFrom,
            Answers = given,
        };
    }
}

/// <summary>One answer of a submission, kept per question so the results are counted in the database.</summary>
public sealed class SurveyAnswer : IUnitScoped
{
    private SurveyAnswer()
    {
    }

    public Guid Id { get; private set; }

    public Guid SubmissionId { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid SurveyId { get; private set; }

    public Guid? UnitId { get; private set; }

    public int QuestionNumber { get; private set; }

    public int? Rating { get; private set; }

    public string? Choice { get; private set; }

    public string? Text { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    internal static SurveyAnswer For(Guid submissionId, Survey survey, Guid unitId, int questionNumber, SurveyAnswerInput answer, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SubmissionId = submissionId,
        EstateId = survey.EstateId,
        SurveyId = survey.Id,
        UnitId = unitId,
        QuestionNumber = questionNumber,
        Rating = answer.Rating,
        Choice = answer.Choice,
        Text = answer.Text?.Trim(),
        SubmittedAt = now,
    };
}
