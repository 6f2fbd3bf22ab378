using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Plans;

/// <summary>
/// A plan: of an asset (its location is the area) or a common area; every <c>every</c> <c>unit</c>s (Day, Week, Month,
/// Year) from <c>firstDueOn</c> (yyyy-MM-dd, estate-local) at <c>timeOfDay</c> (HH:mm, estate-local). Environment plans
/// (cleaning, greening) need a <c>checklist</c>, the standard item by item.
/// </summary>
public sealed record CreatePlanCommand(
    Guid? EstateId, string? Kind, string? Title, Guid? AssetId, string? Area, string? Trade, string? Unit, int? Every, string? FirstDueOn,
    string? TimeOfDay, IReadOnlyList<string>? Checklist);

public sealed record PlanResponse(
    Guid Id, Guid EstateId, PlanKind Kind, string Title, Guid? AssetId, string Area, string Trade, FrequencyUnit Unit, int Every, DateOnly FirstDueOn,
    TimeOnly TimeOfDay, IReadOnlyList<string> Checklist, bool Active, DateOnly NextDueOn, DateTimeOffset NextDueAt)
{
    public static PlanResponse From(MaintenancePlan p) => new(
        p.Id, p.EstateId, p.Kind, p.Title, p.AssetId, p.Area, p.Trade, p.Unit, p.Every, p.FirstDueOn, p.TimeOfDay, p.Checklist, p.Active, p.NextDueOn, p.NextDueAt);
}

public sealed record ChecklistAnswerInput(string? Item, bool? Passed, string? Note);

/// <summary>The inspector's result: every checklist item of the plan answered, pass or fail.</summary>
public sealed record RecordPlanResultCommand(IReadOnlyList<ChecklistAnswerInput>? Answers, string? Notes);

public sealed record PlanTaskResponse(
    Guid Id, Guid PlanId, Guid EstateId, PlanKind Kind, DateOnly DueOn, DateTimeOffset DueAt, Guid? WorkOrderId, DateTimeOffset DoneBy,
    DateTimeOffset? DoneAt, bool Overdue, IReadOnlyList<ChecklistAnswer> Answers, string? Notes)
{
    public static PlanTaskResponse From(PlanTask t, DateTimeOffset now) => new(
        t.Id, t.PlanId, t.EstateId, t.Kind, t.DueOn, t.DueAt, t.WorkOrderId, t.Done.DueAt, t.DoneAt, (t.DoneAt ?? now) > t.Done.DueAt, t.Answers, t.Notes);
}

/// <summary>
/// Inspection, preventive and environment plans: created per asset or area, their tasks (one per due day, with a planned
/// work order, created by <see cref="PlanScheduler"/>) and the inspectors' checklist results.
/// </summary>
public static class PlansApi
{
    public const int MaxChecklistItems = 50;

    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans");
        plans.MapPost("/", Create).RequireRoles(MaintenanceRoles.Dispatchers);
        plans.MapGet("/{id:guid}", Get).RequireRoles(MaintenanceRoles.Readers);
        plans.MapGet("/", List).RequireRoles(MaintenanceRoles.Readers);
        plans.MapPost("/{id:guid}/deactivate", Deactivate).RequireRoles(MaintenanceRoles.Dispatchers);
        var tasks = api.MapGroup("/plan-tasks").WithTags("Plans");
        tasks.MapGet("/", ListTasks).RequireRoles(MaintenanceRoles.Readers);
        tasks.MapPost("/{id:guid}/result", RecordResult).RequireRoles(MaintenanceRoles.Creators);
        return plans;
    }

    public static async Task<Created<PlanResponse>> Create(
        CreatePlanCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        if (estateId != Guid.Empty)
        {
            scope.EnsureCanWrite(estateId);
        }

        var kind = errors.Enum<PlanKind>(command.Kind, "kind");
        var title = errors.Text(command.Title, "title", maxLength: 200);
        var asset = command.AssetId is not { } assetId ? null
            : await db.Assets.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(a => a.Id == assetId && a.EstateId == estateId, cancellationToken);
        if (command.AssetId is not null && asset is null)
        {
            errors.Add("assetId", "No such asset in this estate's facilities register.");
        }

        var area = command.Area is not null ? errors.Text(command.Area, "area", maxLength: 200) : asset?.Location;
        if (area is null && command.AssetId is null)
        {
            errors.Add("area", "Required: the common area the plan covers (or an assetId).");
        }

        var trade = Trades.Normalize(command.Trade ?? asset?.DefaultTrade ?? (kind == PlanKind.Environment ? Trades.General : null));
        if (trade is null)
        {
            errors.Add("trade", $"Must be one of: {string.Join(", ", Trades.All)}.");
        }

        var unit = errors.Enum<FrequencyUnit>(command.Unit, "unit");
        if (command.Every is not (>= 1 and <= 365))
        {
            errors.Add("every", "Required: how many units between tasks, 1 to 365.");
        }

        var firstDueOn = errors.LocalDate(command.FirstDueOn, "firstDueOn");
        var timeOfDay = errors.TimeOfDay(command.TimeOfDay, "timeOfDay");
        var checklist = Checklist(command.Checklist, errors);
        if (kind == PlanKind.Environment && checklist.Count == 0 && LocalInput.Names<PlanKind>(command.Kind))
        {
            errors.Add("checklist", "Required for an environment plan: the cleaning or greening standard, item by item.");
        }

        var known = estateId == Guid.Empty ? null
            : await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == estateId, cancellationToken);
        if (estateId != Guid.Empty && known is null)
        {
            errors.Add("estateId", "Reception has not announced this estate to maintenance yet: its calendar is unknown.");
        }

        var now = time.GetUtcNow();
        if (known is not null && firstDueOn != default && firstDueOn < known.ToCalendar().LocalDay(now))
        {
            errors.Add("firstDueOn", "Must be today or later in the estate's local time: a plan does not create tasks for the past.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var plan = MaintenancePlan.Create(
            estateId, kind, title, asset?.Id, area!, trade!, new PlanFrequency(unit, command.Every!.Value), firstDueOn, timeOfDay!.Value, checklist,
            known!.ToCalendar(), WorkOrdersApi.Caller(scope), now);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/plans/{plan.Id}", PlanResponse.From(plan));
    }

    public static async Task<Ok<PlanResponse>> Get(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(PlanResponse.From(await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Plan", id)));

    public static async Task<Ok<Page<PlanResponse>>> List(
        MaintenanceDbContext db, Guid? estateId, Guid? assetId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Plans.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(p => p.EstateId == estateId);
        }

        if (assetId is not null)
        {
            query = query.Where(p => p.AssetId == assetId);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, cursor, limit, PlanResponse.From, cancellationToken));
    }

    public static async Task<Ok<PlanResponse>> Deactivate(Guid id, MaintenanceDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Plan", id);
        scope.EnsureCanWrite(plan.EstateId);
        plan.Deactivate();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    /// <summary>Tasks of the caller's estates, latest due first: of one plan, or only those overdue (open past their deadline).</summary>
    public static async Task<Ok<Page<PlanTaskResponse>>> ListTasks(
        MaintenanceDbContext db, TimeProvider time, Guid? estateId, Guid? planId, bool? overdue, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.PlanTasks.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(t => t.EstateId == estateId);
        }

        if (planId is not null)
        {
            query = query.Where(t => t.PlanId == planId);
        }

        if (overdue == true)
        {
            query = query.Where(t => t.DoneAt == null && t.Done.DueAt < now);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(t => t.DueAt, t => t.Id, cursor, limit, t => PlanTaskResponse.From(t, now), cancellationToken));
    }

    /// <summary>Records the checklist result of an inspection: every item of the plan's checklist, once; the task is then done.</summary>
    public static async Task<Ok<PlanTaskResponse>> RecordResult(
        Guid id, RecordPlanResultCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var task = await db.PlanTasks.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Plan task", id);
        scope.EnsureCanWrite(task.EstateId);
        var plan = await db.Plans.IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == task.PlanId, cancellationToken);
        var errors = new InputErrors();
        var given = command.Answers ?? [];
        var answers = new List<ChecklistAnswer>();
        for (var i = 0; i < given.Count && i < MaxChecklistItems; i++)
        {
            var item = given[i].Item?.Trim();
            if (item is null || !plan.Checklist.Contains(item))
            {
                errors.Add($"answers[{i}].item", "Must be an item of the plan's checklist.");
            }
            else if (answers.Any(a => a.Item == item))
            {
                errors.Add($"answers[{i}].item", "Answered twice.");
            }

            if (given[i].Passed is null)
            {
                errors.Add($"answers[{i}].passed", "Required: true when the item meets the standard, false when it does not.");
            }

            var note = errors.OptionalText(given[i].Note, $"answers[{i}].note", maxLength: 2000);
            answers.Add(new ChecklistAnswer(item ?? "", given[i].Passed ?? false, note));
        }

        var missing = plan.Checklist.Where(item => given.All(a => a.Item?.Trim() != item)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("answers", $"Every checklist item must be answered; missing: {string.Join(", ", missing)}.");
        }

        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 4000);
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        task.RecordResult(answers, notes, WorkOrdersApi.Caller(scope), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PlanTaskResponse.From(task, now));
    }

    private static List<string> Checklist(IReadOnlyList<string>? given, InputErrors errors)
    {
        var items = new List<string>();
        if (given is null)
        {
            return items;
        }

        if (given.Count > MaxChecklistItems)
        {
            errors.Add("checklist", $"At most {MaxChecklistItems} items.");
        }

        for (var i = 0; i < given.Count && i < MaxChecklistItems; i++)
        {
            var item = errors.Text(given[i], $"checklist[{i}]", maxLength: 200);
            if (items.Contains(item))
            {
                errors.Add($"checklist[{i}]", "Listed twice.");
            }

            items.Add(item);
        }

        return items;
    }
}
