using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Activities;

/// <summary>An activity to plan: <c>startsAt</c> estate-local (<c>yyyy-MM-ddTHH:mm</c>), the budget in the estate's currency.</summary>
public sealed record PlanActivityCommand(Guid? EstateId, string? Title, string? Description, string? Place, string? StartsAt, int? Capacity, decimal? Budget);

public sealed record SignUpCommand(Guid? UnitId, string? Participant);

/// <summary>The questionnaire after the activity: satisfaction 1 (poor) to 5 (excellent) and an optional comment.</summary>
public sealed record EvaluateActivityCommand(int? Satisfaction, string? Comment);

public sealed record ArchiveActivityCommand(decimal? ActualCost, string? Summary);

public sealed record ActivityResponse(
    Guid Id, Guid EstateId, string Title, string Description, string Place, DateTimeOffset StartsAt, int Capacity, int SignedUp, decimal Budget,
    string Currency, ActivityStatus Status, decimal? ActualCost, string? Summary, int Evaluations, decimal? AverageSatisfaction);

public sealed record SignUpResponse(Guid Id, Guid ActivityId, Guid UnitId, string Participant, DateTimeOffset SignedUpAt, int? Satisfaction, string? Comment);

/// <summary>
/// Community activities: the desk plans them with a budget, owners (in the app, or through the desk) sign up their
/// household, the desk marks them held, participants answer the questionnaire, and a supervisor archives each with its
/// actual cost and a summary.
/// </summary>
public static class ActivitiesApi
{
    private const decimal MaxBudget = 10_000_000m;

    public static RouteGroupBuilder MapActivitiesApi(this RouteGroupBuilder api)
    {
        var activities = api.MapGroup("/activities").WithTags("Community activities");
        activities.MapPost("/", Plan).RequireRoles(ReceptionRoles.Desk);
        activities.MapGet("/", List).RequireRoles(ReceptionRoles.RequestRecorders);
        activities.MapGet("/{id:guid}", Get).RequireRoles(ReceptionRoles.RequestRecorders);
        activities.MapPost("/{id:guid}/sign-ups", SignUp).RequireRoles(ReceptionRoles.RequestRecorders);
        activities.MapGet("/{id:guid}/sign-ups", ListSignUps).RequireRoles(ReceptionRoles.RequestRecorders);
        activities.MapPost("/{id:guid}/held", Held).RequireRoles(ReceptionRoles.Desk);
        activities.MapPost("/{id:guid}/archive", Archive).RequireRoles(ReceptionRoles.Supervisors);
        api.MapPost("/activity-sign-ups/{id:guid}/evaluation", Evaluate).WithTags("Community activities").RequireRoles(ReceptionRoles.RequestRecorders);
        return api;
    }

    public static async Task<Created<ActivityResponse>> Plan(
        PlanActivityCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var title = errors.Text(command.Title, "title", maxLength: 200);
        var description = errors.Text(command.Description, "description", maxLength: 4000);
        var place = errors.Text(command.Place, "place", maxLength: 200);
        var (date, clock) = errors.LocalDateTime(command.StartsAt, "startsAt");
        if (command.Capacity is not (>= 1 and <= 10_000))
        {
            errors.Add("capacity", "Required: 1 to 10,000 places.");
        }

        var estate = command.EstateId is { } id ? await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) : null;
        var budget = errors.Money(command.Budget, estate?.Currency, "budget", MaxBudget);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (estate is null)
        {
            throw new ValidationFailedException("estateId", "No such estate in the registry.");
        }

        var now = time.GetUtcNow();
        var startsAt = estate.Calendar().ToInstant(date, clock);
        if (startsAt <= now)
        {
            throw new ValidationFailedException("startsAt", "An activity is planned ahead: the start must be in the future.");
        }

        var activity = CommunityActivity.Plan(estateId, title, description, place, startsAt, command.Capacity!.Value, budget, estate.Currency, scope.Account(), now);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/activities/{activity.Id}", ToResponse(activity, 0, null));
    }

    /// <summary>The caller's estates' activities, latest first; by status (the archive: <c>status=archived</c>).</summary>
    public static async Task<Ok<Page<ActivityResponse>>> List(
        ReceptionDbContext db, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        ActivityStatus? statusFilter = status is null ? null : errors.Enum<ActivityStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.Activities.AsNoTracking();
        query = estateId is null ? query : query.Where(a => a.EstateId == estateId);
        query = statusFilter is null ? query : query.Where(a => a.Status == statusFilter);
        var page = await query.ToKeysetPageAsync(a => a.StartsAt, a => a.Id, cursor, limit, a => a, cancellationToken);
        var scores = await EvaluationsAsync(db, page.Items.Select(a => a.Id).ToList(), cancellationToken);
        return TypedResults.Ok(new Page<ActivityResponse>(
            page.Items.Select(a => scores.TryGetValue(a.Id, out var s) ? ToResponse(a, s.Count, s.Average) : ToResponse(a, 0, null)).ToList(),
            page.NextCursor));
    }

    public static async Task<Ok<ActivityResponse>> Get(Guid id, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Activity", id);
        return TypedResults.Ok(await WithEvaluationAsync(db, activity, cancellationToken));
    }

    /// <summary>Takes a place for a household member; an owner signs up their own unit only. Full or started: 409.</summary>
    public static async Task<Created<SignUpResponse>> SignUp(
        Guid id, SignUpCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var unitId = errors.Id(command.UnitId, "unitId");
        var participant = errors.Text(command.Participant, "participant", maxLength: 200);
        errors.ThrowIfAny();
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Activity", id);
        scope.EnsureCanWrite(activity.EstateId, unitId);
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == activity.EstateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        var now = time.GetUtcNow();
        activity.TakePlace(now);
        var signUp = ActivitySignUp.For(activity, unitId, participant, now);
        db.ActivitySignUps.Add(signUp);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Someone took a place at the same moment: try again.");
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"{participant} has a place already.");
        }

        return TypedResults.Created($"/api/reception/activities/{id}/sign-ups", ToResponse(signUp));
    }

    /// <summary>An activity's places (an owner: their own units'), in sign-up order.</summary>
    public static async Task<Ok<Page<SignUpResponse>>> ListSignUps(
        Guid id, ReceptionDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!await db.Activities.AnyAsync(a => a.Id == id, cancellationToken))
        {
            throw new NotFoundException("Activity", id);
        }

        return TypedResults.Ok(await db.ActivitySignUps.AsNoTracking().Where(s => s.ActivityId == id)
            .ToKeysetPageAsync(s => s.SignedUpAt, s => s.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<ActivityResponse>> Held(
        Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Activity", id);
        scope.EnsureCanWrite(activity.EstateId);
        activity.MarkHeld(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await WithEvaluationAsync(db, activity, cancellationToken));
    }

    /// <summary>The questionnaire of one place, answered once while the activity is held (before it is archived).</summary>
    public static async Task<Ok<SignUpResponse>> Evaluate(
        Guid id, EvaluateActivityCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Satisfaction is not (>= 1 and <= 5))
        {
            errors.Add("satisfaction", "Required: 1 (poor) to 5 (excellent).");
        }

        var comment = errors.OptionalText(command.Comment, "comment", maxLength: 2000);
        errors.ThrowIfAny();
        var signUp = await db.ActivitySignUps.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Sign-up", id);
        scope.EnsureCanWrite(signUp.EstateId, signUp.UnitId);
        var activity = await db.Activities.AsNoTracking().SingleAsync(a => a.Id == signUp.ActivityId, cancellationToken);
        signUp.Evaluate(activity, command.Satisfaction!.Value, comment, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(signUp));
    }

    public static async Task<Ok<ActivityResponse>> Archive(
        Guid id, ArchiveActivityCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var activity = await db.Activities.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Activity", id);
        var errors = new InputErrors();
        var cost = errors.Money(command.ActualCost, activity.Currency, "actualCost", MaxBudget);
        var summary = errors.Text(command.Summary, "summary", maxLength: 4000);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(activity.EstateId);
        activity.Archive(cost, summary, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await WithEvaluationAsync(db, activity, cancellationToken));
    }

    private static async Task<ActivityResponse> WithEvaluationAsync(ReceptionDbContext db, CommunityActivity activity, CancellationToken cancellationToken)
    {
        var scores = await EvaluationsAsync(db, [activity.Id], cancellationToken);
        return scores.TryGetValue(activity.Id, out var s) ? ToResponse(activity, s.Count, s.Average) : ToResponse(activity, 0, null);
    }

    /// <summary>The questionnaires answered per activity, with their average satisfaction (2 decimals), in one query for a whole page.</summary>
    private static async Task<Dictionary<Guid, (int Count, decimal Average)>> EvaluationsAsync(
        ReceptionDbContext db, List<Guid> activityIds, CancellationToken cancellationToken)
    {
        var scores = await db.ActivitySignUps.AsNoTracking()
            .Where(s => activityIds.Contains(s.ActivityId) && s.Satisfaction != null)
            .GroupBy(s => s.ActivityId)
            .Select(g => new { ActivityId = g.Key, Count = g.Count(), Average = g.Average(s => (decimal)s.Satisfaction!.Value) })
            .ToListAsync(cancellationToken);
        return scores.ToDictionary(s => s.ActivityId, s => (s.Count, Math.Round(s.Average, 2)));
    }

    private static ActivityResponse ToResponse(CommunityActivity a, int evaluations, decimal? average) => new(
        a.Id, a.EstateId, a.Title, a.Description, a.Place, a.StartsAt, a.Capacity, a.SignedUp, a.Budget, a.Currency, a.Status, a.ActualCost, a.Summary,
        evaluations, average);

    private static SignUpResponse ToResponse(ActivitySignUp s) => new(s.Id, s.ActivityId, s.UnitId!.Value, s.Participant, s.SignedUpAt, s.Satisfaction, s.Comment);
}
