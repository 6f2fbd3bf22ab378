using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Surveys;

public sealed record SurveyChoiceCount(string Option, int Count);

/// <summary>
/// One question's answers: a rating's average and how many gave each score (<c>distribution[0]</c> is the count of 1s),
/// a choice's count per option, a text question's number of answers (the texts are listed separately).
/// </summary>
public sealed record SurveyQuestionResult(
    int Number,
    SurveyQuestionKind Kind,
    string Text,
    int Answered,
    decimal? AverageRating,
    IReadOnlyList<int>? Distribution,
    IReadOnlyList<SurveyChoiceCount>? Choices,
    int? TextAnswers);

/// <summary>
/// A survey's results: responses against the estate's occupied units, and its satisfaction — the share of responses
/// whose average rating is at least 3 — against the group's 90 %.
/// </summary>
public sealed record SurveyResultsResponse(
    Guid SurveyId,
    Guid EstateId,
    string Title,
    SurveyStatus Status,
    int Responses,
    int OccupiedUnits,
    decimal? ResponseRate,
    SatisfactionLine Satisfaction,
    IReadOnlyList<SurveyQuestionResult> Questions);

public sealed record SurveyTextAnswerResponse(Guid Id, Guid SubmissionId, Guid UnitId, string Text, DateTimeOffset SubmittedAt);

/// <summary>What a survey's answers add up to (counted in the database), its free texts, and the owner's open surveys.</summary>
public static class SurveyResults
{
    public static async Task<Ok<SurveyResultsResponse>> Results(Guid id, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Survey", id);
        var totals = await db.SurveySubmissions.AsNoTracking()
            .Where(s => s.SurveyId == id)
            .GroupBy(s => 1)
            .Select(g => new { Responses = g.Count(), Rated = g.Count(s => s.AverageRating != null), Satisfied = g.Count(s => s.Satisfied) })
            .SingleOrDefaultAsync(cancellationToken);
        var occupied = await db.Units.AsNoTracking().CountAsync(u => u.EstateId == survey.EstateId && u.Status == UnitStatus.Occupied, cancellationToken);
        var ratings = await db.SurveyAnswers.AsNoTracking()
            .Where(a => a.SurveyId == id && a.Rating != null)
            .GroupBy(a => new { a.QuestionNumber, a.Rating })
            .Select(g => new { g.Key.QuestionNumber, Rating = g.Key.Rating!.Value, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var choices = await db.SurveyAnswers.AsNoTracking()
            .Where(a => a.SurveyId == id && a.Choice != null)
            .GroupBy(a => new { a.QuestionNumber, a.Choice })
            .Select(g => new { g.Key.QuestionNumber, Choice = g.Key.Choice!, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var texts = await db.SurveyAnswers.AsNoTracking()
            .Where(a => a.SurveyId == id && a.Text != null)
            .GroupBy(a => a.QuestionNumber)
            .Select(g => new { QuestionNumber = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.QuestionNumber, g => g.Count, cancellationToken);

        SurveyQuestionResult Result(SurveyQuestion q)
        {
            switch (q.Kind)
            {
                case SurveyQuestionKind.Rating:
                    var distribution = Enumerable.Range(1, 5)
                        .Select(score => ratings.Where(r => r.QuestionNumber == q.Number && r.Rating == score).Sum(r => r.Count))
                        .ToArray();
                    var answered = distribution.Sum();
                    decimal? average = answered == 0 ? null : Math.Round((decimal)distribution.Select((count, i) => count * (i + 1)).Sum() / answered, 2);
                    return new(q.Number, q.Kind, q.Text, answered, average, distribution, null, null);
                case SurveyQuestionKind.Choice:
                    var counts = q.Options
                        .Select(option => new SurveyChoiceCount(option, choices.Where(c => c.QuestionNumber == q.Number && c.Choice == option).Sum(c => c.Count)))
                        .ToArray();
                    return new(q.Number, q.Kind, q.Text, counts.Sum(c => c.Count), null, null, counts, null);
                default:
                    var count = texts.GetValueOrDefault(q.Number);
                    return new(q.Number, q.Kind, q.Text, count, null, null, null, count);
            }
        }

        var responses = totals?.Responses ?? 0;
        var satisfied = totals?.Satisfied ?? 0;
        var rate = CallbackReports.Rate(satisfied, totals?.Rated ?? 0);
        return TypedResults.Ok(new SurveyResultsResponse(
            survey.Id,
            survey.EstateId,
            survey.Title,
            survey.Status,
            responses,
            occupied,
            CallbackReports.Rate(responses, occupied),
            new SatisfactionLine(totals?.Rated ?? 0, satisfied, rate, CallbackReports.SatisfactionTarget, rate is null || rate >= CallbackReports.SatisfactionTarget),
            [.. survey.Questions.Select(Result)]));
    }

    /// <summary>The text answers to one question (<c>question</c> is its number), newest first, keyset-paged.</summary>
    public static async Task<Ok<Page<SurveyTextAnswerResponse>>> TextAnswers(
        Guid id, ReceptionDbContext db, int? question, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Survey", id);
        if (survey.Questions.SingleOrDefault(q => q.Number == question) is not { Kind: SurveyQuestionKind.Text })
        {
            throw new ValidationFailedException("question", "Required: the number of one of the survey's text questions.");
        }

        var page = await db.SurveyAnswers.AsNoTracking()
            .Where(a => a.SurveyId == id && a.QuestionNumber == question && a.Text != null)
            .ToKeysetPageAsync(a => a.SubmittedAt, a => a.Id, cursor, limit,
                a => new SurveyTextAnswerResponse(a.Id, a.SubmissionId, a.UnitId!.Value, a.Text!, a.SubmittedAt), cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <summary>
    /// The surveys of the owner's estate taking answers today (in the estate's calendar) that one of their units has
    /// not answered yet, newest first.
    /// </summary>
    public static async Task<Ok<Page<SurveyResponse>>> ListMyOpenSurveys(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var unitIds = scope.UnitIds;
        var estates = await db.Estates.AsNoTracking()
            .Where(e => db.Units.Any(u => u.EstateId == e.Id && unitIds.Contains(u.Id)))
            .ToListAsync(cancellationToken);
        // Today differs between time zones by a day at most (two at the date line): the estates in up to three buckets.
        var byDay = estates
            .GroupBy(e => DateOnly.FromDateTime(e.Calendar().ToLocal(now).DateTime), e => e.Id)
            .Select(g => (Day: g.Key, Estates: g.ToArray()))
            .Concat(Enumerable.Repeat((Day: DateOnly.MinValue, Estates: Array.Empty<Guid>()), 3))
            .Take(3)
            .ToArray();
        var (day1, estates1) = byDay[0];
        var (day2, estates2) = byDay[1];
        var (day3, estates3) = byDay[2];
        var query = db.Surveys.AsNoTracking()
            .Where(s => s.Status == SurveyStatus.Open)
            .Where(s => (estates1.Contains(s.EstateId) && s.OpensOn <= day1 && s.ClosesOn >= day1)
                || (estates2.Contains(s.EstateId) && s.OpensOn <= day2 && s.ClosesOn >= day2)
                || (estates3.Contains(s.EstateId) && s.OpensOn <= day3 && s.ClosesOn >= day3))
            .Where(s => db.Units.Any(u => unitIds.Contains(u.Id) && u.EstateId == s.EstateId
                && !db.SurveySubmissions.Any(r => r.SurveyId == s.Id && r.UnitId == u.Id)));
        return TypedResults.Ok(await query.ToKeysetPageAsync(s => s.CreatedAt, s => s.Id, cursor, limit, SurveysApi.ToResponse, cancellationToken));
    }
}
