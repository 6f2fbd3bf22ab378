using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Surveys;

/// <summary>A question as drafted: <c>kind</c> rating, choice (with two or more <c>options</c>) or text; required unless said otherwise.</summary>
public sealed record SurveyQuestionCommand(string? Kind, string? Text, bool? Required = null, IReadOnlyList<string>? Options = null);

/// <summary>A survey of one estate, open to answers from <c>opensOn</c> to <c>closesOn</c> (estate-local <c>yyyy-MM-dd</c>) once published.</summary>
public sealed record DraftSurveyCommand(Guid? EstateId, string? Title, string? OpensOn, string? ClosesOn, IReadOnlyList<SurveyQuestionCommand?>? Questions);

/// <summary>Changes to a draft: everything but the estate.</summary>
public sealed record ReviseSurveyCommand(string? Title, string? OpensOn, string? ClosesOn, IReadOnlyList<SurveyQuestionCommand?>? Questions);

/// <summary>One answer per question, in the survey's order; null (or empty) for an optional question left out.</summary>
public sealed record AnswerSurveyCommand(Guid? UnitId, IReadOnlyList<SurveyAnswerInput?>? Answers);

/// <summary>Answers the desk took down on the phone or on a visit, for a unit.</summary>
public sealed record RecordSurveyAnswersCommand(Guid? UnitId, string? Channel, IReadOnlyList<SurveyAnswerInput?>? Answers);

public sealed record SurveyQuestionResponse(int Number, SurveyQuestionKind Kind, string Text, bool Required, IReadOnlyList<string> Options);

public sealed record SurveyResponse(
    Guid Id,
    Guid EstateId,
    string Title,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    SurveyStatus Status,
    IReadOnlyList<SurveyQuestionResponse> Questions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? ClosedAt);

public sealed record SurveySubmissionResponse(
    Guid Id,
    Guid SurveyId,
    Guid UnitId,
    SurveyChannel Channel,
    DateTimeOffset SubmittedAt,
    decimal? AverageRating,
    bool Satisfied);

/// <summary>
/// Periodic satisfaction surveys (满意度调查). A customer-service supervisor or the estate manager drafts a survey for an
/// estate, publishes it (its questions then fixed) and closes it; owners answer an open survey through the app once per
/// unit, the desk records answers taken on the phone or on a visit; the supervisors read the results.
/// </summary>
public static class SurveysApi
{
    public const int MaxQuestions = 50;

    public static RouteGroupBuilder MapSurveysApi(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Surveys");
        surveys.MapPost("/", DraftSurvey).RequireRoles(ReceptionRoles.Supervisors);
        surveys.MapGet("/", ListSurveys).RequireRoles(ReceptionRoles.Desk);
        surveys.MapGet("/mine", SurveyResults.ListMyOpenSurveys).RequireRoles(PlatformRoles.Owner);
        surveys.MapGet("/{id:guid}", GetSurvey).RequireRoles([.. ReceptionRoles.Desk, PlatformRoles.Owner]);
        surveys.MapPut("/{id:guid}", ReviseSurvey).RequireRoles(ReceptionRoles.Supervisors);
        surveys.MapPost("/{id:guid}/publish", PublishSurvey).RequireRoles(ReceptionRoles.Supervisors);
        surveys.MapPost("/{id:guid}/close", CloseSurvey).RequireRoles(ReceptionRoles.Supervisors);
        surveys.MapPost("/{id:guid}/answers", AnswerSurvey).RequireRoles(PlatformRoles.Owner);
        surveys.MapPost("/{id:guid}/recorded-answers", RecordAnswers).RequireRoles(ReceptionRoles.Desk);
        surveys.MapGet("/{id:guid}/results", SurveyResults.Results).RequireRoles(ReceptionRoles.Supervisors);
        surveys.MapGet("/{id:guid}/texts", SurveyResults.TextAnswers).RequireRoles(ReceptionRoles.Supervisors);
        api.MapGet("/satisfaction", SatisfactionReport.Monthly).WithTags("Surveys").RequireRoles(ReceptionRoles.Supervisors);
        return api;
    }

    public static async Task<Created<SurveyResponse>> DraftSurvey(
        DraftSurveyCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var (title, opensOn, closesOn, questions) = ReadDraft(errors, command.Title, command.OpensOn, command.ClosesOn, command.Questions);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (!await db.Estates.AnyAsync(e => e.Id == estateId, cancellationToken))
        {
            throw new ValidationFailedException("estateId", "No such estate in the registry.");
        }

        var survey = Survey.Draft(estateId, title, opensOn, closesOn, questions, scope.Account(), time.GetUtcNow());
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/surveys/{survey.Id}", ToResponse(survey));
    }

    public static async Task<Ok<SurveyResponse>> ReviseSurvey(
        Guid id, ReviseSurveyCommand command, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var (title, opensOn, closesOn, questions) = ReadDraft(errors, command.Title, command.OpensOn, command.ClosesOn, command.Questions);
        errors.ThrowIfAny();
        var survey = await db.Surveys.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Survey", id);
        scope.EnsureCanWrite(survey.EstateId);
        survey.Revise(title, opensOn, closesOn, questions);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(survey));
    }

    /// <summary>Draft → open: owners see it and answer from its first day; its questions no longer change.</summary>
    public static Task<Ok<SurveyResponse>> PublishSurvey(Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, scope, s => s.Publish(time.GetUtcNow()), cancellationToken);

    /// <summary>Open → closed: no more answers.</summary>
    public static Task<Ok<SurveyResponse>> CloseSurvey(Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeAsync(id, db, scope, s => s.Close(time.GetUtcNow()), cancellationToken);

    /// <summary>An estate's surveys (drafts, open and closed), newest first.</summary>
    public static async Task<Ok<Page<SurveyResponse>>> ListSurveys(
        ReceptionDbContext db, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateKey = errors.Id(estateId, "estateId");
        SurveyStatus? statusFilter = status is null ? null : errors.Enum<SurveyStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.Surveys.AsNoTracking().Where(s => s.EstateId == estateKey);
        query = statusFilter is null ? query : query.Where(s => s.Status == statusFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(s => s.CreatedAt, s => s.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>A survey, for the staff of its estate; for an owner of the estate only once it has been published.</summary>
    public static async Task<Ok<SurveyResponse>> GetSurvey(Guid id, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var query = db.Surveys.AsNoTracking();
        query = scope.IsOwnerOnly ? query.Where(s => s.Status != SurveyStatus.Draft) : query;
        var survey = await query.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Survey", id);
        return TypedResults.Ok(ToResponse(survey));
    }

    /// <summary>An owner answers for one of their own units, once per unit, while the survey is open.</summary>
    public static Task<Created<SurveySubmissionResponse>> AnswerSurvey(
        Guid id, AnswerSurveyCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken) =>
        SubmitAsync(id, command.UnitId, SurveyChannel.App, command.Answers, db, scope, time, cancellationToken);

    /// <summary>The desk records a unit's answers taken on the phone or on a visit; the same rules as in the app.</summary>
    public static Task<Created<SurveySubmissionResponse>> RecordAnswers(
        Guid id, RecordSurveyAnswersCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var channel = errors.Enum<SurveyChannel>(command.Channel, "channel");
        if (channel == SurveyChannel.App)
        {
            errors.Add("channel", "Phone or Visit: owners answer in the app themselves.");
        }

        errors.ThrowIfAny();
        return SubmitAsync(id, command.UnitId, channel, command.Answers, db, scope, time, cancellationToken);
    }

    private static async Task<Created<SurveySubmissionResponse>> SubmitAsync(
        Guid id, Guid? unitId, SurveyChannel channel, IReadOnlyList<SurveyAnswerInput?>? answers, ReceptionDbContext db, EstateScope scope,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var unitKey = errors.Id(unitId, "unitId");
        if (answers is null || answers.Count == 0)
        {
            errors.Add("answers", "Required: one answer per question, in order.");
        }

        errors.ThrowIfAny();
        var survey = await db.Surveys.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Survey", id);
        scope.EnsureCanWrite(survey.EstateId, unitKey);
        foreach (var (index, error) in survey.Check(answers!))
        {
            errors.Add($"answers[{index}]", error);
        }

        errors.ThrowIfAny();
        if (!await db.Units.AnyAsync(u => u.Id == unitKey && u.EstateId == survey.EstateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in the survey's estate.");
        }

        if (await db.SurveySubmissions.AnyAsync(s => s.SurveyId == survey.Id && s.UnitId == unitKey, cancellationToken))
        {
            throw new ConflictException("This unit has answered the survey already.");
        }

        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == survey.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(estate.Calendar().ToLocal(now).DateTime);
        var submission = SurveySubmission.Submit(survey, unitKey, channel, answers!, scope.Account(), today, now);
        db.SurveySubmissions.Add(submission);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException("This unit has answered the survey already.");
        }

        return TypedResults.Created($"/api/reception/surveys/{survey.Id}/answers/{submission.Id}", ToResponse(submission));
    }

    private static async Task<Ok<SurveyResponse>> ChangeAsync(
        Guid id, ReceptionDbContext db, EstateScope scope, Action<Survey> change, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Survey", id);
        scope.EnsureCanWrite(survey.EstateId);
        change(survey);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(survey));
    }

    private static (string Title, DateOnly OpensOn, DateOnly ClosesOn, List<SurveyQuestion> Questions) ReadDraft(
        InputErrors errors, string? titleText, string? opensText, string? closesText, IReadOnlyList<SurveyQuestionCommand?>? commands)
    {
        var title = errors.Text(titleText, "title", maxLength: 200);
        var opensOn = errors.LocalDate(opensText, "opensOn");
        var closesOn = errors.LocalDate(closesText, "closesOn");
        if (opensText is not null && closesText is not null && closesOn < opensOn)
        {
            errors.Add("closesOn", "Must be on or after opensOn.");
        }

        var questions = new List<SurveyQuestion>();
        if (commands is null || commands.Count == 0 || commands.Count > MaxQuestions)
        {
            errors.Add("questions", $"Required: 1 to {MaxQuestions} questions.");
            return (title, opensOn, closesOn, questions);
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var field = $"questions[{i}]";
            var command = commands[i];
            if (command is null)
            {
                errors.Add(field, "Required.");
                continue;
            }

            var kind = errors.Enum<SurveyQuestionKind>(command.Kind, $"{field}.kind");
            var text = errors.Text(command.Text, $"{field}.text", maxLength: 500);
            var options = (command.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
            if (LocalInput.Names<SurveyQuestionKind>(command.Kind))
            {
                if (kind == SurveyQuestionKind.Choice
                    && (options.Count is < 2 or > 20 || options.Any(o => o.Length is 0 or > 200) || options.Distinct().Count() != options.Count))
                {
                    errors.Add($"{field}.options", "A choice question has 2 to 20 distinct options of at most 200 characters.");
                }
                else if (kind != SurveyQuestionKind.Choice && options.Count != 0)
                {
                    errors.Add($"{field}.options", "Only a choice question has options.");
                }
            }

            questions.Add(new SurveyQuestion(i + 1, kind, text, command.Required ?? true, options));
        }

        if (commands.All(q => q is not null && LocalInput.Names<SurveyQuestionKind>(q.Kind))
            && !questions.Any(q => q.Kind == SurveyQuestionKind.Rating))
        {
            errors.Add("questions", "At least one question is a rating (1–5): it is what satisfaction is measured on.");
        }

        return (title, opensOn, closesOn, questions);
    }

    internal static SurveyResponse ToResponse(Survey s) => new(
        s.Id, s.EstateId, s.Title, s.OpensOn, s.ClosesOn, s.Status,
        [.. s.Questions.Select(q => new SurveyQuestionResponse(q.Number, q.Kind, q.Text, q.Required, q.Options))],
        s.CreatedAt, s.PublishedAt, s.ClosedAt);

    private static SurveySubmissionResponse ToResponse(SurveySubmission s) =>
        new(s.Id, s.SurveyId, s.UnitId!.Value, s.Channel, s.SubmittedAt, s.AverageRating, s.Satisfied);
}
