using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Training;

/// <summary>A plan for the estate-local days <c>from</c> to <c>until</c> (<c>yyyy-MM-dd</c>): the open needs it gathers and the courses that meet them.</summary>
public sealed record DrawPlanCommand(Guid? EstateId, string? Title, string? From, string? Until, Guid[]? NeedIds, Guid[]? CourseIds);

public sealed record DecidePlanCommand(bool? Approve, string? Note);

public sealed record PlanResponse(
    Guid Id, Guid EstateId, string Title, DateOnly From, DateOnly Until, string Status, int Needs, int Courses, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? DecidedAt, string? DecidedBy, string? DecisionNote);

/// <summary>A plan with its needs (each with its status: open, planned, met) and its courses.</summary>
public sealed record PlanDetailResponse(PlanResponse Plan, int NeedsMet, NeedResponse[] Needs, CourseResponse[] Courses);

/// <summary>
/// Training plans (needs → plans → courses): HR gathers an estate's open needs for a period and lists the courses that
/// meet them; the estate manager approves the plan (or sends it back), never the one who drew it up. Approval marks its
/// needs planned; each need is met when its person passes one of the courses (<see cref="TrainingApi"/>).
/// </summary>
public static class TrainingPlansApi
{
    /// <summary>A plan covers at most a year: the annual plan is the longest one an estate keeps.</summary>
    public const int MaxDays = 366;

    /// <summary>Draw up plans: HR (the trainer role), who run the courses.</summary>
    private static readonly string[] PlanDrafters = [PlatformRoles.Trainer];

    /// <summary>
    /// Approve plans: the estate manager, whose staff's time and budget the plan takes (the group administrator, HR's
    /// lead across estates, may too: every endpoint admits that role).
    /// </summary>
    private static readonly string[] PlanApprovers = [PlatformRoles.EstateManager];

    public static RouteGroupBuilder MapTrainingPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/training/plans").WithTags("Training");
        plans.MapPost("/", Draw).RequireRoles(PlanDrafters);
        plans.MapGet("/", List).RequireRoles(HrTrainingRoles.Readers);
        plans.MapGet("/{id:guid}", Get).RequireRoles(HrTrainingRoles.Readers);
        plans.MapPost("/{id:guid}/decide", Decide).RequireRoles(PlanApprovers);
        return api;
    }

    public static async Task<Created<PlanDetailResponse>> Draw(
        DrawPlanCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var title = errors.Text(command.Title, "title", maxLength: 200);
        var from = errors.LocalDate(command.From, "from");
        var until = errors.LocalDate(command.Until, "until");
        if (from != default && until != default && (until < from || until.DayNumber - from.DayNumber >= MaxDays))
        {
            errors.Add("until", $"Must be on or after from, and the plan at most {MaxDays} days long.");
        }

        var needIds = Ids(errors, command.NeedIds, "needIds", TrainingPlan.MaxNeeds);
        var courseIds = Ids(errors, command.CourseIds, "courseIds", TrainingPlan.MaxCourses);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);

        var needs = await db.TrainingNeeds.Where(n => n.EstateId == estateId && needIds.Contains(n.Id)).ToListAsync(cancellationToken);
        var courses = await db.TrainingCourses.AsNoTracking().Where(c => c.EstateId == estateId && courseIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var notOpen = needIds.Where(id => needs.SingleOrDefault(n => n.Id == id) is not { Status: TrainingNeedStatus.Open, PlanId: null }).ToList();
        if (notOpen.Count > 0)
        {
            errors.Add("needIds", $"Not open needs of this estate free of other plans: {string.Join(", ", notOpen)}.");
        }

        var unknownCourses = courseIds.Where(id => courses.All(c => c.Id != id)).ToList();
        if (unknownCourses.Count > 0)
        {
            errors.Add("courseIds", $"Not courses of this estate: {string.Join(", ", unknownCourses)}.");
        }

        var unmet = needs.Where(n => !courses.Any(n.IsMetBy)).ToList();
        if (unmet.Count > 0)
        {
            errors.Add("courseIds", $"No listed course meets the needs {string.Join(", ", unmet.Select(n => $"{n.Id} ({n.Duty?.ToString() ?? "any course"})"))}.");
        }

        errors.ThrowIfAny();
        var plan = TrainingPlan.Draw(estateId, title, from, until, needIds, courseIds, scope.Account(), time.GetUtcNow());
        foreach (var need in needs)
        {
            need.GatherInto(plan.Id);
        }

        db.TrainingPlans.Add(plan);
        await SaveAsync(db, cancellationToken);
        return TypedResults.Created($"/api/hr-training/training/plans/{plan.Id}", Detail(plan, needs, courses));
    }

    /// <summary>An estate's plans, newest first, optionally of one status (draft, approved, rejected).</summary>
    public static async Task<Ok<Page<PlanResponse>>> List(
        HrTrainingDbContext db, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var wanted = status is null ? (TrainingPlanStatus?)null : errors.Enum<TrainingPlanStatus>(status, "status");
        errors.ThrowIfAny();
        TrainingApi.VisibleEstate(db, estate);

        var query = db.TrainingPlans.AsNoTracking().Where(p => p.EstateId == estate);
        query = wanted is null ? query : query.Where(p => p.Status == wanted);
        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<PlanDetailResponse>> Get(Guid id, HrTrainingDbContext db, CancellationToken cancellationToken)
    {
        var plan = await db.TrainingPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Training plan", id);
        return TypedResults.Ok(await DetailAsync(db, plan, cancellationToken));
    }

    /// <summary>Approves the draft (its needs become planned) or sends it back (its needs are free for another plan).</summary>
    public static async Task<Ok<PlanDetailResponse>> Decide(
        Guid id, DecidePlanCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Approve is null)
        {
            errors.Add("approve", "Required: true to approve, false to send the plan back.");
        }

        var note = errors.OptionalText(command.Note, "note", maxLength: 1000);
        if (command.Approve == false && note is null)
        {
            errors.Add("note", "Required when sending a plan back: say what to change.");
        }

        errors.ThrowIfAny();
        var plan = await db.TrainingPlans.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Training plan", id);
        scope.EnsureCanWrite(plan.EstateId);
        if (plan.CreatedBy == scope.Account())
        {
            throw new ForbiddenException("Nobody approves a plan they drew up themself.");
        }

        if (!plan.Decide(command.Approve!.Value, note, scope.Account(), time.GetUtcNow()))
        {
            throw new ConflictException($"This plan was decided already ({plan.Status}).");
        }

        var planId = plan.Id;
        foreach (var need in await db.TrainingNeeds.Where(n => n.PlanId == planId).ToListAsync(cancellationToken))
        {
            if (plan.Status == TrainingPlanStatus.Approved)
            {
                need.Planned();
            }
            else
            {
                need.Released();
            }
        }

        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(await DetailAsync(db, plan, cancellationToken));
    }

    private static Guid[] Ids(InputErrors errors, Guid[]? ids, string field, int max)
    {
        var distinct = (ids ?? []).Distinct().ToArray();
        if (distinct.Length == 0 || distinct.Contains(Guid.Empty))
        {
            errors.Add(field, "Required: at least one id, none empty.");
        }
        else if (distinct.Length > max)
        {
            errors.Add(field, $"At most {max}.");
        }

        return distinct;
    }

    private static async Task SaveAsync(HrTrainingDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("A need or the plan changed meanwhile (another plan took a need, or it was decided); read it again and retry.");
        }
    }

    private static async Task<PlanDetailResponse> DetailAsync(HrTrainingDbContext db, TrainingPlan plan, CancellationToken cancellationToken)
    {
        var (needIds, courseIds) = (plan.NeedIds, plan.CourseIds);
        var needs = await db.TrainingNeeds.AsNoTracking().Where(n => needIds.Contains(n.Id)).ToListAsync(cancellationToken);
        var courses = await db.TrainingCourses.AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToListAsync(cancellationToken);
        return Detail(plan, needs, courses);
    }

    private static PlanDetailResponse Detail(TrainingPlan plan, IEnumerable<TrainingNeed> needs, IEnumerable<TrainingCourse> courses)
    {
        var listed = needs.Where(n => plan.NeedIds.Contains(n.Id)).OrderBy(n => n.RaisedAt).ToList();
        return new PlanDetailResponse(
            ToResponse(plan), listed.Count(n => n.Status == TrainingNeedStatus.Met), [.. listed.Select(TrainingApi.ToResponse)],
            [.. courses.OrderBy(c => c.Title, StringComparer.Ordinal).Select(TrainingApi.ToResponse)]);
    }

    private static PlanResponse ToResponse(TrainingPlan p) => new(
        p.Id, p.EstateId, p.Title, p.From, p.Until, p.Status.ToString(), p.NeedIds.Length, p.CourseIds.Length, p.CreatedAt, p.CreatedBy, p.DecidedAt,
        p.DecidedBy, p.DecisionNote);
}
