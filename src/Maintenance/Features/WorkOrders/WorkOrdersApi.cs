using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Store;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.WorkOrders;

/// <summary>
/// A work order opened by staff: a unit or a common area, the trade, urgency, and for paid work the price in the estate's
/// currency. A fault on registered equipment names the asset (its id, or the code on its label): the asset's location
/// and usual trade stand in for an area and trade not given.
/// </summary>
public sealed record CreateWorkOrderCommand(
    Guid? EstateId, Guid? UnitId, string? Area, string? Trade, string? Description, string? Urgency, bool? Chargeable, decimal? Price,
    Guid? AssetId = null, string? AssetCode = null);

/// <summary>A part used; <c>code</c> names a part of the estate's store, which is then issued from it (its name may be left out).</summary>
public sealed record PartUsedInput(string? Name, decimal? Quantity, string? Code = null);

/// <summary>The technician's completion report; <c>photoIds</c> are photos uploaded to the order (<c>POST /work-orders/{id}/photos</c>).</summary>
public sealed record CompleteWorkOrderCommand(
    IReadOnlyList<PartUsedInput>? Parts, int? LabourMinutes, bool? TestDone, bool? SiteCleaned, string? Notes, IReadOnlyList<Guid>? PhotoIds);

/// <summary>The owner's verdict: accepted, or rejected with a reason (the order reopens as rework).</summary>
public sealed record VerifyWorkOrderCommand(bool? Accepted, string? Reason);

public sealed record CloseWorkOrderCommand(string? Note);

/// <summary>Whether the work is a paid service, and its price in the estate's currency.</summary>
public sealed record PriceWorkOrderCommand(bool? Chargeable, decimal? Price);

/// <summary>
/// A work order; <c>attachmentIds</c> are the request's photos, at reception's <c>/api/reception/requests/{requestId}/attachments/{id}</c>;
/// <c>completionPhotoIds</c> the photos of the finished work, at <c>/api/maintenance/work-orders/{id}/photos/{photoId}</c>.
/// </summary>
public sealed record WorkOrderResponse(
    Guid Id,
    Guid EstateId,
    Guid? RequestId,
    Guid? UnitId,
    string? Area,
    WorkOrderSource Source,
    string? Trade,
    string Description,
    WorkOrderUrgency Urgency,
    WorkOrderStatus Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Guid> AttachmentIds,
    bool Chargeable,
    decimal? Price,
    string? Currency,
    Guid? TechnicianId,
    string? TechnicianName,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ArrivedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<PartUsed> PartsUsed,
    int? LabourMinutes,
    bool TestDone,
    bool SiteCleaned,
    string? CompletionNotes,
    IReadOnlyList<Guid> CompletionPhotoIds,
    int ReworkCount,
    string? ReopenReason,
    AppointmentStatus AppointmentStatus,
    DateTimeOffset? AppointmentStartsAt,
    DateTimeOffset? AppointmentEndsAt,
    bool NeedsRedispatch,
    string? RedispatchReason,
    DateTimeOffset ResponseDueAt,
    bool ResponseBreached,
    DateTimeOffset CompletionDueAt,
    bool CompletionBreached,
    IReadOnlyList<WorkOrderStep> Steps,
    Guid? AssetId)
{
    public static WorkOrderResponse From(WorkOrder w, DateTimeOffset now) => new(
        w.Id, w.EstateId, w.RequestId, w.UnitId, w.Area, w.Source, w.Trade, w.Description, w.Urgency, w.Status, w.CreatedAt, w.AttachmentIds,
        w.Chargeable, w.Price, w.Currency, w.TechnicianId, w.TechnicianName, w.DispatchedAt, w.AcceptedAt, w.ArrivedAt, w.CompletedAt,
        w.VerifiedAt, w.ClosedAt, w.PartsUsed, w.LabourMinutes, w.TestDone, w.SiteCleaned, w.CompletionNotes, w.CompletionPhotoIds,
        w.ReworkCount, w.ReopenReason, w.AppointmentStatus, w.AppointmentStartsAt, w.AppointmentEndsAt, w.NeedsRedispatch, w.RedispatchReason,
        w.Response.DueAt, Breached(w.Response, now), w.Completion.DueAt, Breached(w.Completion, now), w.Steps, w.AssetId);

    private static bool Breached(ServiceDefaults.Sla.SlaClock clock, DateTimeOffset now) =>
        clock.BreachedAt is not null || (clock.CompletedAt ?? now) > clock.DueAt && clock.PausedAt is null;
}

/// <summary>
/// Work orders: opened from reception's requests and emergencies or by staff, read and listed per estate, and taken
/// through their lifecycle step by step, each step timestamped, attributed, audited and announced through the outbox.
/// </summary>
public static class WorkOrdersApi
{
    /// <summary>The highest price a paid service may have, in the estate's currency.</summary>
    public const decimal MaxPrice = 1_000_000m;

    public static RouteGroupBuilder MapWorkOrdersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/work-orders").WithTags("Work orders");
        group.MapPost("/", CreateWorkOrder).RequireRoles(MaintenanceRoles.Creators);
        group.MapGet("/{id:guid}", GetWorkOrder).RequireRoles(MaintenanceRoles.OneOrderReaders);
        group.MapGet("/", ListWorkOrders).RequireRoles(MaintenanceRoles.Readers);
        group.MapPost("/{id:guid}/accept", Accept).RequireRoles(MaintenanceRoles.Technicians);
        group.MapPost("/{id:guid}/arrive", Arrive).RequireRoles(MaintenanceRoles.Technicians);
        group.MapPost("/{id:guid}/complete", Complete).RequireRoles(MaintenanceRoles.Technicians);
        group.MapPost("/{id:guid}/verify", Verify).RequireRoles(MaintenanceRoles.Verifiers);
        group.MapPost("/{id:guid}/close", Close).RequireRoles(MaintenanceRoles.Dispatchers);
        group.MapPost("/{id:guid}/price", PriceWork).RequireRoles([.. MaintenanceRoles.Dispatchers, PlatformRoles.Technician]);
        return group;
    }

    public static async Task<Created<WorkOrderResponse>> CreateWorkOrder(
        CreateWorkOrderCommand command, MaintenanceDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var asset = await FindAssetAsync(db, estateId, command.AssetId, command.AssetCode, errors, cancellationToken);
        var area = command.Area is null ? null : errors.Text(command.Area, "area", maxLength: 200);
        if (command.UnitId is null && area is null && asset is not null)
        {
            area = asset.Location;
        }

        if (command.UnitId is null == area is null)
        {
            errors.Add(command.UnitId is null ? "unitId" : "area", "Give either a unit or a common area, not both.");
        }

        var trade = Trades.Normalize(command.Trade ?? asset?.DefaultTrade);
        if (trade is null)
        {
            errors.Add("trade", $"Must be one of: {string.Join(", ", Trades.All)}.");
        }

        var description = errors.Text(command.Description, "description", maxLength: 4000);
        var urgency = errors.Enum<WorkOrderUrgency>(command.Urgency, "urgency");
        var chargeable = command.Chargeable ?? false;
        if (estateId != Guid.Empty)
        {
            scope.EnsureCanWrite(estateId);
        }

        var known = estateId == Guid.Empty ? null
            : await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == estateId, cancellationToken);
        if (estateId != Guid.Empty && known is null)
        {
            errors.Add("estateId", "Reception has not announced this estate to maintenance yet: its calendar and currency are unknown.");
        }

        decimal? price = null;
        if (chargeable)
        {
            if (command.UnitId is null)
            {
                errors.Add("chargeable", "Only work on a unit can be charged: a common area has nobody to bill.");
            }

            if (known is not null)
            {
                price = errors.Money(command.Price, known.Currency, "price", MaxPrice);
            }
        }
        else if (command.Price is not null)
        {
            errors.Add("price", "Only a chargeable work order has a price.");
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var workOrder = WorkOrder.ByStaff(
            estateId, command.UnitId, area, trade!, description, urgency, chargeable, price, chargeable ? known!.Currency : null, now,
            correlation.CorrelationId, known!.ToCalendar(), Caller(scope), asset?.Id);
        db.WorkOrders.Add(workOrder);
        WorkOrderEvents.Created(db, workOrder, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/work-orders/{workOrder.Id}", WorkOrderResponse.From(workOrder, now));
    }

    /// <summary>
    /// The asset a new order is about, by id or by label code, in the order's estate; an unknown one is a field error.
    /// Read past the estate filter: the estate itself is checked (403) when the order is written.
    /// </summary>
    private static async Task<Asset?> FindAssetAsync(
        MaintenanceDbContext db, Guid estateId, Guid? assetId, string? assetCode, InputErrors errors, CancellationToken cancellationToken)
    {
        if (assetId is null && assetCode is null)
        {
            return null;
        }

        var assets = db.Assets.IgnoreQueryFilters().AsNoTracking().Where(a => a.EstateId == estateId);
        var code = assetCode is null ? null : Asset.NormalizeCode(assetCode);
        var asset = assetId is not null
            ? await assets.SingleOrDefaultAsync(a => a.Id == assetId, cancellationToken)
            : await assets.SingleOrDefaultAsync(a => a.Code == code, cancellationToken);
        var field = assetId is not null ? "assetId" : "assetCode";
        if (asset is null)
        {
            errors.Add(field, "No such asset in this estate's facilities register.");
        }
        else if (code is not null && asset.Code != code)
        {
            errors.Add("assetCode", $"Does not match the asset given by assetId ({asset.Code}).");
        }

        return asset;
    }

    public static async Task<Ok<WorkOrderResponse>> GetWorkOrder(Guid id, MaintenanceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
            ?? throw new NotFoundException("Work order", id);
        return TypedResults.Ok(WorkOrderResponse.From(workOrder, time.GetUtcNow()));
    }

    /// <summary>
    /// Work orders of the caller's estates, newest first, keyset-paged: by estate, status, technician (a technician's work
    /// list), the request they came from, the asset they were on (its service history), or those waiting to be dispatched again.
    /// </summary>
    public static async Task<Ok<Page<WorkOrderResponse>>> ListWorkOrders(
        MaintenanceDbContext db,
        TimeProvider time,
        Guid? estateId,
        Guid? requestId,
        string? status,
        Guid? technicianId,
        bool? needsRedispatch,
        Guid? assetId,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        WorkOrderStatus? statusFilter = status is null ? null : errors.Enum<WorkOrderStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.WorkOrders.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(w => w.EstateId == estateId);
        }

        if (requestId is not null)
        {
            query = query.Where(w => w.RequestId == requestId);
        }

        if (statusFilter is not null)
        {
            query = query.Where(w => w.Status == statusFilter);
        }

        if (technicianId is not null)
        {
            query = query.Where(w => w.TechnicianId == technicianId);
        }

        if (assetId is not null)
        {
            query = query.Where(w => w.AssetId == assetId);
        }

        if (needsRedispatch is not null)
        {
            query = query.Where(w => w.NeedsRedispatch == needsRedispatch);
        }

        var now = time.GetUtcNow();
        var page = await query.ToKeysetPageAsync(w => w.CreatedAt, w => w.Id, cursor, limit, w => WorkOrderResponse.From(w, now), cancellationToken);
        return TypedResults.Ok(page);
    }

    public static Task<Ok<WorkOrderResponse>> Accept(Guid id, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken) =>
        StepAsync(id, db, scope, time, (w, by, now) =>
        {
            w.Accept(by, now);
            WorkOrderEvents.Accepted(db, w, now);
        }, cancellationToken);

    /// <summary>The technician is on site: reception hears the work has started (<c>WorkOrderStarted</c>).</summary>
    public static Task<Ok<WorkOrderResponse>> Arrive(Guid id, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken) =>
        StepAsync(id, db, scope, time, (w, by, now) =>
        {
            w.Arrive(by, now);
            WorkOrderEvents.Started(db, w, now);
        }, cancellationToken);

    /// <summary>
    /// The work is done: reception calls back; chargeable work goes to billing as <c>ChargeRaised</c>, once. Parts named by
    /// their store code are issued from the store against the order in the same save.
    /// </summary>
    public static async Task<Ok<WorkOrderResponse>> Complete(
        Guid id, CompleteWorkOrderCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var report = Report(command);
        var workOrder = await LoadForWriteAsync(id, db, scope, cancellationToken);
        var parts = await WorkOrderParts.ResolveAsync(db, workOrder.EstateId, report.Parts, cancellationToken);
        report = report with { Parts = parts.Used };
        // A plan's task without a checklist is done when its work order is (in the same save).
        var planTask = await db.PlanTasks.IgnoreQueryFilters().SingleOrDefaultAsync(t => t.WorkOrderId == id, cancellationToken);
        var by = Caller(scope);
        var now = time.GetUtcNow();
        var raiseCharge = workOrder.Complete(report, by, now);
        await WorkOrderPhotosApi.ClaimAsync(db, workOrder, report.PhotoIds, now, cancellationToken);
        WorkOrderEvents.Completed(db, workOrder, raiseCharge, now);
        planTask?.WorkOrderCompleted(by, now);
        await parts.IssueAsync(db, workOrder.Id, by, time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WorkOrderResponse.From(workOrder, now));
    }

    public static Task<Ok<WorkOrderResponse>> Verify(
        Guid id, VerifyWorkOrderCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Accepted is null)
        {
            errors.Add("accepted", "Required: true when the owner accepts the work, false when they reject it.");
        }

        var reason = command.Accepted == false ? errors.Text(command.Reason, "reason", maxLength: 2000) : null;
        errors.ThrowIfAny();
        return StepAsync(id, db, scope, time, (w, by, now) =>
        {
            if (command.Accepted == true)
            {
                w.Verify(by, now);
                WorkOrderEvents.Verified(db, w, now);
            }
            else
            {
                w.Reopen(ReopenCauses.OwnerRejected, reason!, by, now);
                WorkOrderEvents.Reopened(db, w, ReopenCauses.OwnerRejected, reason!, now);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Prices the work before completion (a request's order is priced once the job is seen): the supervisor, or the technician
    /// it is dispatched to. The price is checked against the estate's currency.
    /// </summary>
    public static async Task<Ok<WorkOrderResponse>> PriceWork(
        Guid id, PriceWorkOrderCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var workOrder = await LoadForWriteAsync(id, db, scope, cancellationToken);
        var errors = new InputErrors();
        if (command.Chargeable is null)
        {
            errors.Add("chargeable", "Required: true for a paid service, false for free work.");
        }

        var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == workOrder.EstateId, cancellationToken);
        decimal? price = null;
        if (command.Chargeable == true)
        {
            if (known is null)
            {
                errors.Add("price", "Cannot be checked: reception has not announced the estate's currency to maintenance yet.");
            }
            else
            {
                price = errors.Money(command.Price, known.Currency, "price", MaxPrice);
            }
        }
        else if (command.Price is not null)
        {
            errors.Add("price", "Only a chargeable work order has a price.");
        }

        errors.ThrowIfAny();
        if (!MaintenanceRoles.Dispatchers.Any(scope.IsInRole) && !scope.SeesAllEstates && !workOrder.IsAssignedTo(scope.Account()))
        {
            throw new ForbiddenException("Only the technician the work order is dispatched to, or a dispatcher, may price it.");
        }

        var now = time.GetUtcNow();
        workOrder.SetCharge(command.Chargeable!.Value, price, known?.Currency, Caller(scope), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WorkOrderResponse.From(workOrder, now));
    }

    /// <summary>
    /// The supervisor closes finished work that no request belongs to (a round, an inspection): no callback will. An order from
    /// a request is closed by reception's satisfied callback.
    /// </summary>
    public static Task<Ok<WorkOrderResponse>> Close(
        Guid id, CloseWorkOrderCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var note = command.Note is null ? null : errors.Text(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        return StepAsync(id, db, scope, time, (w, by, now) =>
        {
            if (w.RequestId is not null)
            {
                throw new ConflictException("This work order belongs to a customer request: reception's callback closes it.");
            }

            w.Close(by, now, note ?? "closed by the supervisor");
            WorkOrderEvents.Closed(db, w, now);
        }, cancellationToken);
    }

    /// <summary>Loads the order for a write (404 outside the caller's estates, 403 for an owner's unit not theirs), applies the step, saves.</summary>
    internal static async Task<Ok<WorkOrderResponse>> StepAsync(
        Guid id, MaintenanceDbContext db, EstateScope scope, TimeProvider time, Action<WorkOrder, Actor, DateTimeOffset> step,
        CancellationToken cancellationToken)
    {
        var workOrder = await LoadForWriteAsync(id, db, scope, cancellationToken);
        var now = time.GetUtcNow();
        step(workOrder, Caller(scope), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WorkOrderResponse.From(workOrder, now));
    }

    /// <summary>
    /// The order, tracked, for a step. Read without the estate filter so that a write into another estate is refused as
    /// such (403) rather than hidden (404): the order's estate is checked here before anything else.
    /// </summary>
    internal static async Task<WorkOrder> LoadForWriteAsync(Guid id, MaintenanceDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.IgnoreQueryFilters().SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
            ?? throw new NotFoundException("Work order", id);
        scope.EnsureCanWrite(workOrder.EstateId, scope.IsOwnerOnly ? workOrder.UnitId : null);
        return workOrder;
    }

    internal static Actor Caller(EstateScope scope) => new(scope.Account(), scope.DisplayName());

    private static CompletionReport Report(CompleteWorkOrderCommand command)
    {
        var errors = new InputErrors();
        var parts = new List<PartUsed>();
        var given = command.Parts ?? [];
        if (given.Count > 100)
        {
            errors.Add("parts", "At most 100 parts.");
        }

        for (var i = 0; i < given.Count && i < 100; i++)
        {
            var code = errors.OptionalText(given[i].Code, $"parts[{i}].code", maxLength: 40);
            var name = code is not null && string.IsNullOrWhiteSpace(given[i].Name) ? "" : errors.Text(given[i].Name, $"parts[{i}].name", maxLength: 200);
            if (given[i].Quantity is not (> 0 and <= 10_000))
            {
                errors.Add($"parts[{i}].quantity", "Required: more than 0, at most 10000.");
            }
            else if (decimal.Round(given[i].Quantity!.Value, 3) != given[i].Quantity)
            {
                errors.Add($"parts[{i}].quantity", "At most 3 decimals.");
            }

            parts.Add(new PartUsed(name, given[i].Quantity ?? 0, code is null ? null : SparePart.NormalizeCode(code)));
        }

        if (command.LabourMinutes is not (>= 1 and <= 7 * 24 * 60))
        {
            errors.Add("labourMinutes", "Required: the labour in minutes, 1 to 10080.");
        }

        if (command.TestDone is null)
        {
            errors.Add("testDone", "Required: whether the repair was tested.");
        }

        if (command.SiteCleaned is null)
        {
            errors.Add("siteCleaned", "Required: whether the site was cleaned.");
        }

        var notes = command.Notes is null ? null : errors.Text(command.Notes, "notes", maxLength: 4000);
        var photos = command.PhotoIds ?? [];
        if (photos.Count > WorkOrderPhoto.MaxPerCompletion)
        {
            errors.Add("photoIds", $"At most {WorkOrderPhoto.MaxPerCompletion} photos.");
        }
        else if (photos.Any(p => p == Guid.Empty))
        {
            errors.Add("photoIds", "Photo ids must not be empty.");
        }

        errors.ThrowIfAny();
        return new CompletionReport(parts, command.LabourMinutes!.Value, command.TestDone!.Value, command.SiteCleaned!.Value, notes, [.. photos.Distinct()]);
    }
}

/// <summary>Why a work order reopened, as <c>WorkOrderReopened.Cause</c> says it.</summary>
public static class ReopenCauses
{
    public const string OwnerRejected = "owner-rejected";
    public const string RequestReopened = "request-reopened";
    public const string DissatisfiedCallback = "dissatisfied-callback";
}
