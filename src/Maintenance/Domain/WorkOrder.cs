using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Domain;

public enum WorkOrderUrgency
{
    Emergency,
    Urgent,
    Normal,
    Planned,
}

/// <summary>
/// Created → Dispatched → Accepted (by the technician) → OnSite → Completed → Verified (by the owner) → Closed (after
/// reception's callback). A rejection at verification, a dissatisfied callback or a reopened request makes it Reopened
/// (rework), dispatched or accepted again from there.
/// </summary>
public enum WorkOrderStatus
{
    Created,
    Dispatched,
    Accepted,
    OnSite,
    Completed,
    Verified,
    Reopened,
    Closed,
}

/// <summary>Where a work order came from.</summary>
public enum WorkOrderSource
{
    Request,
    Emergency,
    Staff,

    /// <summary>A task of an inspection, preventive or environment plan that fell due.</summary>
    Plan,
}

public enum AppointmentStatus
{
    None,

    /// <summary>Maintenance proposed a time (<c>AppointmentProposed</c>); reception agrees it with the owner.</summary>
    Proposed,

    /// <summary>Agreed with the owner: at intake (<c>RepairRequested.AgreedAppointmentAt</c>) or confirmed by reception.</summary>
    Agreed,
}

/// <summary>A spare part used on the job; <see cref="Code"/> when it came from the estate's store (and was issued from it).</summary>
public sealed record PartUsed(string Name, decimal Quantity, string? Code = null);

/// <summary>What the technician reports when the work is done.</summary>
public sealed record CompletionReport(
    IReadOnlyList<PartUsed> Parts, int LabourMinutes, bool TestDone, bool SiteCleaned, string? Notes, IReadOnlyList<Guid> PhotoIds);

/// <summary>One attributable step of a work order: what, who, when, and what they wrote.</summary>
public sealed record WorkOrderStep(int Number, string Action, string By, string ByName, DateTimeOffset At, string? Note);

/// <summary>
/// A job for the maintenance team: from a customer request, an emergency or a staff member. Every step is timestamped
/// and names who took it; the response (technician on site) and completion deadlines run on the SLA engine from creation,
/// answerable by the technician it is dispatched to.
/// </summary>
public sealed class WorkOrder : IUnitScoped
{
    private readonly List<WorkOrderStep> _steps = [];

    private WorkOrder()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The reception request it came from; at most one work order per request.</summary>
    public Guid? RequestId { get; private set; }

    /// <summary>Null for a common area.</summary>
    public Guid? UnitId { get; private set; }

    /// <summary>The equipment of the facilities register the work is on, if any: its service history.</summary>
    public Guid? AssetId { get; private set; }

    /// <summary>The common area (a lobby, the pump room) when there is no unit.</summary>
    public string? Area { get; private set; }

    public WorkOrderSource Source { get; private set; }

    /// <summary>Null until known: reception's requests do not say which trade they need; the dispatcher decides.</summary>
    public string? Trade { get; private set; }

    public string Description { get; private set; } = "";

    public WorkOrderUrgency Urgency { get; private set; }

    public WorkOrderStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public Guid CorrelationId { get; private set; }

    /// <summary>The photos of the request it came from, kept (and served) by reception.</summary>
    public List<Guid> AttachmentIds { get; private set; } = [];

    /// <summary>A paid service: <see cref="Price"/> in <see cref="Currency"/>, raised to billing at completion.</summary>
    public bool Chargeable { get; private set; }

    public decimal? Price { get; private set; }

    public string? Currency { get; private set; }

    public Guid? TechnicianId { get; private set; }

    public string? TechnicianName { get; private set; }

    public DateTimeOffset? DispatchedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public DateTimeOffset? ArrivedAt { get; private set; }

    /// <summary>The latest completion (a rework completes again).</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public List<PartUsed> PartsUsed { get; private set; } = [];

    public int? LabourMinutes { get; private set; }

    public bool TestDone { get; private set; }

    public bool SiteCleaned { get; private set; }

    public string? CompletionNotes { get; private set; }

    /// <summary>The technician's own photos of the finished work (attachment ids).</summary>
    public List<Guid> CompletionPhotoIds { get; private set; } = [];

    public int ReworkCount { get; private set; }

    public string? ReopenReason { get; private set; }

    public Guid? AppointmentId { get; private set; }

    public AppointmentStatus AppointmentStatus { get; private set; }

    public DateTimeOffset? AppointmentStartsAt { get; private set; }

    public DateTimeOffset? AppointmentEndsAt { get; private set; }

    /// <summary>The technician lost the certification (or the job) the order was dispatched on: the supervisor must dispatch it again.</summary>
    public bool NeedsRedispatch { get; private set; }

    public string? RedispatchReason { get; private set; }

    /// <summary>When the charge went to billing; set once, so a completion after rework never charges twice.</summary>
    public DateTimeOffset? ChargeRaisedAt { get; private set; }

    /// <summary>Until a technician is on site.</summary>
    public SlaClock Response { get; private set; } = null!;

    /// <summary>Until the work is completed.</summary>
    public SlaClock Completion { get; private set; } = null!;

    public uint Version { get; private set; }

    /// <summary>
    /// Every step, in the order taken. A loaded work order's steps arrive in whatever order PostgreSQL returns the rows
    /// (a CI run showed "closed" first), so they are put in order by number here.
    /// </summary>
    public IReadOnlyList<WorkOrderStep> Steps => [.. _steps.OrderBy(s => s.Number)];

    /// <summary>Dispatched, accepted, on site or reopened: on somebody's list.</summary>
    public static readonly WorkOrderStatus[] Open =
        [WorkOrderStatus.Dispatched, WorkOrderStatus.Accepted, WorkOrderStatus.OnSite, WorkOrderStatus.Reopened];

    public static WorkOrder FromRequest(
        Guid estateId,
        Guid requestId,
        Guid? unitId,
        string description,
        WorkOrderUrgency urgency,
        DateTimeOffset at,
        Guid correlationId,
        EstateCalendar calendar,
        IEnumerable<Guid>? attachmentIds = null,
        DateTimeOffset? agreedAppointmentAt = null)
    {
        var workOrder = New(estateId, unitId, null, WorkOrderSource.Request, null, description, urgency, at, correlationId, calendar, Actor.System);
        workOrder.RequestId = requestId;
        workOrder.AttachmentIds = [.. (attachmentIds ?? []).Distinct()];
        if (agreedAppointmentAt is { } agreed)
        {
            workOrder.AppointmentStatus = AppointmentStatus.Agreed;
            workOrder.AppointmentStartsAt = agreed;
        }

        return workOrder;
    }

    /// <summary>An emergency reported at reception: opened at once, for the trade its kind needs first.</summary>
    public static WorkOrder FromEmergency(
        Guid estateId, Guid requestId, Guid? unitId, string trade, string description, DateTimeOffset at, Guid correlationId, EstateCalendar calendar)
    {
        var workOrder = New(estateId, unitId, null, WorkOrderSource.Emergency, trade, description, WorkOrderUrgency.Emergency, at, correlationId, calendar, Actor.System);
        workOrder.RequestId = requestId;
        return workOrder;
    }

    /// <summary>
    /// The repair request of an emergency whose order was opened first (the two events race): its photos and any visit
    /// time agreed at intake join the order.
    /// </summary>
    public void TakeRequestDetails(IEnumerable<Guid>? attachmentIds, DateTimeOffset? agreedAppointmentAt)
    {
        AttachmentIds = [.. AttachmentIds.Union(attachmentIds ?? [])];
        if (agreedAppointmentAt is { } agreed && AppointmentStatus == AppointmentStatus.None)
        {
            AppointmentStatus = AppointmentStatus.Agreed;
            AppointmentStartsAt = agreed;
        }
    }

    /// <summary>Opened by staff: a technician's daily round, an inspection, a supervisor's visit.</summary>
    public static WorkOrder ByStaff(
        Guid estateId, Guid? unitId, string? area, string trade, string description, WorkOrderUrgency urgency, bool chargeable, decimal? price,
        string? currency, DateTimeOffset at, Guid correlationId, EstateCalendar calendar, Actor by, Guid? assetId = null)
    {
        var workOrder = New(estateId, unitId, area, WorkOrderSource.Staff, trade, description, urgency, at, correlationId, calendar, by);
        workOrder.AssetId = assetId;
        workOrder.Chargeable = chargeable;
        workOrder.Price = chargeable ? price : null;
        workOrder.Currency = chargeable ? currency : null;
        return workOrder;
    }

    /// <summary>A plan's task fell due: a planned order for the plan's area (or asset) and trade, opened by maintenance itself.</summary>
    public static WorkOrder FromPlan(MaintenancePlan plan, PlanTask task, DateTimeOffset at, EstateCalendar calendar)
    {
        var workOrder = New(
            plan.EstateId, null, plan.Area, WorkOrderSource.Plan, plan.Trade, $"{plan.Kind}: {plan.Title} (due {task.DueOn:yyyy-MM-dd})", WorkOrderUrgency.Planned,
            at, task.Id, calendar, Actor.System);
        workOrder.AssetId = plan.AssetId;
        return workOrder;
    }

    private static WorkOrder New(
        Guid estateId, Guid? unitId, string? area, WorkOrderSource source, string? trade, string description, WorkOrderUrgency urgency,
        DateTimeOffset at, Guid correlationId, EstateCalendar calendar, Actor by) =>
        new WorkOrder
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            UnitId = unitId,
            Area = area,
            Source = source,
            Trade = trade,
            Description = description,
            Urgency = urgency,
            Status = WorkOrderStatus.Created,
            CreatedAt = at,
            CreatedBy = by.Subject,
            CorrelationId = correlationId,
            Response = SlaClock.Start(WorkOrderDeadlines.Response(urgency), calendar, at),
            Completion = SlaClock.Start(WorkOrderDeadlines.Completion(urgency), calendar, at),
        }.Step("created", by, at, $"{source}, {urgency}");

    /// <summary>Whether a supervisor may (re)dispatch it now: before the technician is on site, or as rework.</summary>
    public bool CanDispatch => Status is WorkOrderStatus.Created or WorkOrderStatus.Dispatched or WorkOrderStatus.Accepted or WorkOrderStatus.Reopened
        || (Status == WorkOrderStatus.OnSite && NeedsRedispatch);

    /// <summary>
    /// Sends the order to <paramref name="technicianId"/>; the deadlines become theirs. <paramref name="trade"/> classifies
    /// an order that has none yet.
    /// </summary>
    public void Dispatch(Guid technicianId, string technicianName, string trade, Actor by, DateTimeOffset at)
    {
        if (!CanDispatch)
        {
            throw new ConflictException($"The work order is {Status}; it can be dispatched only before the technician is on site, or as rework.");
        }

        Trade = trade;
        TechnicianId = technicianId;
        TechnicianName = technicianName;
        DispatchedAt = at;
        AcceptedAt = null;
        NeedsRedispatch = false;
        RedispatchReason = null;
        Response.HandTo(technicianId);
        Completion.HandTo(technicianId);
        if (Status != WorkOrderStatus.OnSite)
        {
            Status = WorkOrderStatus.Dispatched;
        }

        Step("dispatched", by, at, $"{trade}: {technicianName} ({technicianId})");
    }

    /// <summary>
    /// Makes the work a paid service at <paramref name="price"/> (or free again) before it is completed: a request's order is
    /// priced once someone has seen the job. A charge already raised is never changed here.
    /// </summary>
    public void SetCharge(bool chargeable, decimal? price, string? currency, Actor by, DateTimeOffset at)
    {
        if (Status is WorkOrderStatus.Completed or WorkOrderStatus.Verified or WorkOrderStatus.Closed || ChargeRaisedAt is not null)
        {
            throw new ConflictException($"The work order is {Status}{(ChargeRaisedAt is null ? "" : ", charged already")}; its price can change only before completion.");
        }

        if (chargeable && UnitId is null)
        {
            throw new ConflictException("Only work on a unit can be charged: a common area has nobody to bill.");
        }

        Chargeable = chargeable;
        Price = chargeable ? price : null;
        Currency = chargeable ? currency : null;
        Step("priced", by, at, chargeable ? $"{price} {currency}" : "free of charge");
    }

    /// <summary>Records the trade an order without one needs, before anyone is dispatched (nobody eligible yet).</summary>
    public void Classify(string trade)
    {
        if (Trade is null && CanDispatch)
        {
            Trade = trade;
        }
    }

    /// <summary>The technician takes the job (also a rework still assigned to them).</summary>
    public void Accept(Actor by, DateTimeOffset at)
    {
        EnsureAssignedTo(by);
        Require("accept", WorkOrderStatus.Dispatched, WorkOrderStatus.Reopened);
        AcceptedAt = at;
        Status = WorkOrderStatus.Accepted;
        Step("accepted", by, at, null);
    }

    /// <summary>The technician is on site: the response deadline is met (by the first arrival; a rework does not restart it).</summary>
    public void Arrive(Actor by, DateTimeOffset at)
    {
        EnsureAssignedTo(by);
        Require("arrive on site", WorkOrderStatus.Accepted);
        ArrivedAt = at;
        Status = WorkOrderStatus.OnSite;
        Response.Complete(at);
        Step("arrived", by, at, null);
    }

    /// <summary>The work is done. True when a charge must now go to billing (chargeable, and never charged before).</summary>
    public bool Complete(CompletionReport report, Actor by, DateTimeOffset at)
    {
        EnsureAssignedTo(by);
        Require("complete", WorkOrderStatus.OnSite);
        PartsUsed = [.. report.Parts];
        LabourMinutes = report.LabourMinutes;
        TestDone = report.TestDone;
        SiteCleaned = report.SiteCleaned;
        CompletionNotes = report.Notes;
        CompletionPhotoIds = [.. CompletionPhotoIds.Union(report.PhotoIds)];
        CompletedAt = at;
        Status = WorkOrderStatus.Completed;
        Completion.Complete(at);
        Step("completed", by, at, report.Notes);
        if (!Chargeable || ChargeRaisedAt is not null || UnitId is null || Price is null)
        {
            return false;
        }

        ChargeRaisedAt = at;
        return true;
    }

    /// <summary>The owner accepts the finished work.</summary>
    public void Verify(Actor by, DateTimeOffset at)
    {
        Require("be verified", WorkOrderStatus.Completed);
        VerifiedAt = at;
        Status = WorkOrderStatus.Verified;
        Step("verified", by, at, null);
    }

    /// <summary>Whether a reopening that happened at <paramref name="at"/> applies: it must be about the latest completion.</summary>
    public bool CanReopen(DateTimeOffset at) =>
        Status is WorkOrderStatus.Completed or WorkOrderStatus.Verified or WorkOrderStatus.Closed && CompletedAt <= at;

    /// <summary>Rework: the owner rejected the work, or reception reopened the request. Stays with the same technician until re-dispatched.</summary>
    public void Reopen(string cause, string reason, Actor by, DateTimeOffset at)
    {
        Require("be reopened", WorkOrderStatus.Completed, WorkOrderStatus.Verified, WorkOrderStatus.Closed);
        ReworkCount++;
        ReopenReason = reason;
        VerifiedAt = null;
        ClosedAt = null;
        AcceptedAt = null;
        Status = WorkOrderStatus.Reopened;
        Step("reopened", by, at, $"{cause}: {reason}");
    }

    /// <summary>Whether a callback made at <paramref name="at"/> closes it: about the latest completion, and not reopened since.</summary>
    public bool CanCloseAfterCallback(DateTimeOffset at) =>
        Status is WorkOrderStatus.Completed or WorkOrderStatus.Verified && CompletedAt <= at;

    /// <summary>Closed: after reception's satisfied callback, or by the supervisor for an order no request (so no callback) belongs to.</summary>
    public void Close(Actor by, DateTimeOffset at, string note)
    {
        Require("be closed", WorkOrderStatus.Completed, WorkOrderStatus.Verified);
        ClosedAt = at;
        Status = WorkOrderStatus.Closed;
        Step("closed", by, at, note);
    }

    /// <summary>
    /// A request's order with no visit agreed or proposed yet: dispatch proposes one. Emergencies go at once, and work no
    /// request belongs to has nobody at reception to agree it with.
    /// </summary>
    public bool NeedsVisitAgreed => RequestId is not null && Urgency != WorkOrderUrgency.Emergency && AppointmentStatus == AppointmentStatus.None;

    /// <summary>The technician is busy (or nobody is free): a visit time is proposed to the owner through reception.</summary>
    public Guid ProposeAppointment(DateTimeOffset startsAt, DateTimeOffset endsAt, Actor by, DateTimeOffset at)
    {
        if (Status is WorkOrderStatus.OnSite or WorkOrderStatus.Completed or WorkOrderStatus.Verified or WorkOrderStatus.Closed)
        {
            throw new ConflictException($"The work order is {Status}; a visit can be proposed only before the technician is on site.");
        }

        AppointmentId = Guid.CreateVersion7(at);
        AppointmentStatus = AppointmentStatus.Proposed;
        AppointmentStartsAt = startsAt;
        AppointmentEndsAt = endsAt;
        Step("appointment-proposed", by, at, $"{startsAt:O} – {endsAt:O}");
        return AppointmentId.Value;
    }

    /// <summary>
    /// Reception agreed the visit with the owner. Only the latest proposal counts: a confirmation of an earlier one
    /// (overtaken by a new proposal) changes nothing. Returns whether it applied.
    /// </summary>
    public bool ConfirmAppointment(Guid appointmentId, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset at)
    {
        if (AppointmentId != appointmentId)
        {
            return false;
        }

        var changed = AppointmentStatus != AppointmentStatus.Agreed || AppointmentStartsAt != startsAt || AppointmentEndsAt != endsAt;
        AppointmentStatus = AppointmentStatus.Agreed;
        AppointmentStartsAt = startsAt;
        AppointmentEndsAt = endsAt;
        if (changed)
        {
            Step("appointment-agreed", Actor.System, at, $"{startsAt:O} – {endsAt:O}");
        }

        return changed;
    }

    /// <summary>
    /// The technician can no longer do it (certification expired or revoked, employment ended), or an emergency found
    /// nobody eligible: a supervisor must dispatch it.
    /// </summary>
    public void FlagForRedispatch(string reason, DateTimeOffset at)
    {
        if (NeedsRedispatch || !(Open.Contains(Status) || Status == WorkOrderStatus.Created))
        {
            return;
        }

        NeedsRedispatch = true;
        RedispatchReason = reason;
        Step("flagged-for-redispatch", Actor.System, at, reason);
    }

    /// <summary>Whether <paramref name="subject"/> (a token's subject) is the technician the order is dispatched to.</summary>
    public bool IsAssignedTo(string subject) => TechnicianId is { } id && Guid.TryParse(subject, out var caller) && caller == id;

    private void EnsureAssignedTo(Actor by)
    {
        if (!IsAssignedTo(by.Subject))
        {
            throw new ForbiddenException("Only the technician the work order is dispatched to may take this step.");
        }
    }

    private void Require(string step, params WorkOrderStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new ConflictException($"The work order is {Status}; to {step} it must be {string.Join(" or ", allowed)}.");
        }
    }

    private WorkOrder Step(string action, Actor by, DateTimeOffset at, string? note)
    {
        _steps.Add(new WorkOrderStep(_steps.Count + 1, action, by.Subject, by.Name, at, note));
        return this;
    }
}
