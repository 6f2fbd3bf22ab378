using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

public enum RequestChannel
{
    WalkIn,
    Phone,
    App,
    Email,
    Letter,
    ButlerVisit,
    Patrol,
}

public enum RequestCategory
{
    BasicService,
    Repair,
    Inquiry,
    Suggestion,
    Complaint,
    Other,
}

public enum Urgency
{
    Emergency,
    Urgent,
    Normal,
    Planned,
}

/// <summary>
/// Received → Routed (a work order, or a department) → InProgress → Completed → Closed; a dissatisfied callback
/// reopens a completed request (Reopened), and the work starts again.
/// </summary>
public enum RequestStatus
{
    Received,
    Routed,
    InProgress,
    Completed,
    Reopened,
    Closed,
}

/// <summary>Where the desk forwards a request that is not a repair (repairs go to maintenance as work orders).</summary>
public enum Department
{
    CustomerService,
    Maintenance,
    Security,
    Billing,
    Cleaning,
    Landscaping,
    Management,
}

/// <summary>
/// Every contact with the front desk. Its deadlines (<see cref="RoutingRule"/>, <see cref="SameDayFeedback"/>) are
/// kept with it as SLA clocks, so the monitor records breaches and the lists can show them.
/// </summary>
public sealed class CustomerRequest : IUnitScoped
{
    /// <summary>
    /// Routed (forwarded to a department, or turned into a work order) within 5 minutes, around the clock: the desk is
    /// warned a minute before, the supervisor hears of a breach at once, the estate manager if it is still unrouted 30
    /// minutes later.
    /// </summary>
    public static readonly SlaPolicy RoutingRule = new(
        "request-routing", SlaTimeBasis.Elapsed, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1),
        SlaPolicy.FrontDeskChain(toManagerAfter: TimeSpan.FromMinutes(30)));

    /// <summary>The requester hears back the same (estate-local) day; the clerk is warned two hours before it ends.</summary>
    public static readonly SlaPolicy SameDayFeedback = new(
        "request-same-day-feedback", SlaTimeBasis.SameLocalDay, TimeSpan.Zero, TimeSpan.FromHours(2),
        SlaPolicy.FrontDeskChain(toManagerAfter: TimeSpan.FromHours(12)));

    private CustomerRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public RequestChannel Channel { get; private set; }

    public RequestCategory Category { get; private set; }

    public Urgency Urgency { get; private set; }

    public string Description { get; private set; } = "";

    public string RequesterName { get; private set; } = "";

    /// <summary>Where to give feedback; personal data, masked in lists for roles that don't call back.</summary>
    [PrivateData]
    public string? RequesterPhone { get; private set; }

    /// <summary>The account (token subject) that recorded the request: a clerk, or the owner through the app.</summary>
    public string SubmittedBy { get; private set; } = "";

    public RequestStatus Status { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The 5-minute routing deadline, kept with the request.</summary>
    public SlaClock Routing { get; private set; } = null!;

    public Guid? WorkOrderId { get; private set; }

    /// <summary>A repair's visit time agreed with the owner: at intake, or later by confirming maintenance's proposal.</summary>
    public DateTimeOffset? AgreedAppointmentAt { get; private set; }

    /// <summary>Records the visit time agreed with the owner.</summary>
    public void AgreeAppointment(DateTimeOffset at) => AgreedAppointmentAt = at;

    /// <summary>The department a non-repair request was forwarded to, and to whom there.</summary>
    public Department? RoutedTo { get; private set; }

    public string? Assignee { get; private set; }

    public string? Resolution { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The technician who completed the repair (for the callback and the appraisal).</summary>
    public Guid? TechnicianId { get; private set; }

    public string? TechnicianName { get; private set; }

    /// <summary>A paid (chargeable) service: every one of them gets a callback.</summary>
    public bool Chargeable { get; private set; }

    public int ReopenCount { get; private set; }

    public Guid CorrelationId { get; private set; }

    /// <summary>The same-day feedback deadline, kept with the request.</summary>
    public SlaClock Feedback { get; private set; } = null!;

    public string? FeedbackNote { get; private set; }

    public uint Version { get; private set; }

    public static CustomerRequest Record(
        Guid estateId,
        Guid? unitId,
        RequestChannel channel,
        RequestCategory category,
        Urgency urgency,
        string description,
        string requesterName,
        string? requesterPhone,
        string submittedBy,
        EstateCalendar calendar,
        DateTimeOffset receivedAt,
        Guid correlationId) => new()
        {
            Id = Guid.CreateVersion7(receivedAt),
            EstateId = estateId,
            UnitId = unitId,
            Channel = channel,
            Category = category,
            Urgency = urgency,
            Description = description.Trim(),
            RequesterName = requesterName.Trim(),
            RequesterPhone = requesterPhone,
            SubmittedBy = submittedBy,
            Status = RequestStatus.Received,
            ReceivedAt = receivedAt,
            Routing = SlaClock.Start(RoutingRule, calendar, receivedAt),
            CorrelationId = correlationId,
            Feedback = SlaClock.Start(SameDayFeedback, calendar, receivedAt),
        };

    /// <summary>The requester was told where their request stands. Once: a second feedback is a conflict.</summary>
    public bool GiveFeedback(string note, DateTimeOffset at)
    {
        if (Feedback.CompletedAt is not null)
        {
            return false;
        }

        FeedbackNote = note;
        Feedback.Complete(at);
        return true;
    }

    /// <summary>Whether the same-day feedback came (or, still missing at <paramref name="now"/>, will come) too late.</summary>
    public bool FeedbackBreached(DateTimeOffset now) => (Feedback.CompletedAt ?? now) > Feedback.DueAt;

    /// <summary>The desk forwarded a request that is not a repair; repairs are routed by maintenance's work order.</summary>
    public void RouteTo(Department department, string? assignee, DateTimeOffset at)
    {
        if (Category == RequestCategory.Repair)
        {
            throw new ConflictException("A repair is routed by the work order maintenance opens for it.");
        }

        if (Status != RequestStatus.Received)
        {
            throw new ConflictException($"The request is already {Status}.");
        }

        Status = RequestStatus.Routed;
        RoutedTo = department;
        Assignee = assignee;
        Routing.Complete(at);
    }

    /// <summary>
    /// A technician started (or restarted after a reopen) the work order. Events may arrive late, twice or out of order:
    /// earlier states only move forward.
    /// </summary>
    public void MarkInProgress(Guid workOrderId, DateTimeOffset at)
    {
        RecordWorkOrder(workOrderId, at);
        if (Status is RequestStatus.Received or RequestStatus.Routed or RequestStatus.Reopened)
        {
            Status = RequestStatus.InProgress;
        }
    }

    /// <summary>
    /// The work order was completed by <paramref name="technicianName"/>. True when this is news (the callback is due):
    /// a repeated completion changes nothing, and one that arrives after the closure still records who did the work.
    /// </summary>
    public bool MarkWorkOrderCompleted(Guid workOrderId, DateTimeOffset at, Guid technicianId, string technicianName, bool chargeable)
    {
        RecordWorkOrder(workOrderId, at);
        return MarkCompleted(at, technicianId, technicianName, chargeable);
    }

    private bool MarkCompleted(DateTimeOffset at, Guid? technicianId, string? technicianName, bool chargeable)
    {
        if (CompletedAt is not null)
        {
            return false;
        }

        if (Status != RequestStatus.Closed)
        {
            Status = RequestStatus.Completed;
        }

        CompletedAt = at;
        TechnicianId = technicianId;
        TechnicianName = technicianName;
        Chargeable = chargeable;
        Routing.Complete(at);
        return true;
    }

    /// <summary>The desk resolved a forwarded request that is not a repair; <paramref name="paidService"/> when the owner paid for it.</summary>
    public void Resolve(string resolution, DateTimeOffset at, bool paidService = false)
    {
        if (Category == RequestCategory.Repair)
        {
            throw new ConflictException("A repair is completed by its work order.");
        }

        if (Status is not (RequestStatus.Routed or RequestStatus.InProgress or RequestStatus.Reopened))
        {
            throw new ConflictException($"Only a routed request can be resolved; this one is {Status}.");
        }

        Resolution = resolution;
        MarkCompleted(at, null, null, chargeable: paidService);
    }

    /// <summary>
    /// The complaint it was recorded as is closed: the request is completed with the complaint's resolution (once; a
    /// request already completed keeps its own).
    /// </summary>
    public void CompleteWithComplaint(string resolution, DateTimeOffset at)
    {
        if (MarkCompleted(at, null, null, chargeable: false))
        {
            Resolution ??= resolution;
        }
    }

    /// <summary>Maintenance closed the work order; whatever of its lifecycle has not arrived yet is still recorded when it does.</summary>
    public void MarkClosed(Guid workOrderId, DateTimeOffset at)
    {
        RecordWorkOrder(workOrderId, at);
        if (Status != RequestStatus.Closed)
        {
            Status = RequestStatus.Closed;
            ClosedAt = at;
        }
    }

    /// <summary>The requester was not satisfied: the request opens again and the work restarts.</summary>
    public void Reopen()
    {
        if (Status is not (RequestStatus.Completed or RequestStatus.Closed))
        {
            throw new ConflictException($"Only a completed request can be reopened; this one is {Status}.");
        }

        Status = RequestStatus.Reopened;
        CompletedAt = null;
        ClosedAt = null;
        ReopenCount++;
    }

    /// <summary>Maintenance opened the work order for this request. Repeating it changes nothing.</summary>
    public void MarkRouted(Guid workOrderId, DateTimeOffset at)
    {
        RecordWorkOrder(workOrderId, at);
        if (Status == RequestStatus.Received)
        {
            Status = RequestStatus.Routed;
        }
    }

    /// <summary>
    /// Every event of a work order proves it exists, so the request is routed to it, at the latest when the event
    /// happened: when <c>WorkOrderCreated</c> comes after <c>WorkOrderStarted</c>, the routing time moves back to the
    /// creation. Without this, a late creation would leave the request unrouted: a false breach and a lost work order.
    /// </summary>
    private void RecordWorkOrder(Guid workOrderId, DateTimeOffset at)
    {
        WorkOrderId ??= workOrderId;
        Routing.CompleteBy(at);
    }

    /// <summary>Whether the 5-minute routing rule is (or, still unrouted at <paramref name="now"/>, already was) broken.</summary>
    public bool RoutingBreached(DateTimeOffset now) => (Routing.CompletedAt ?? now) > Routing.DueAt;
}
