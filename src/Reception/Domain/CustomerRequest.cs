using PropertyPlatform.ServiceDefaults.Auditing;
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

public enum RequestStatus
{
    Received,
    Routed,
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

    /// <summary>Maintenance opened the work order for this request. Repeating it changes nothing.</summary>
    public void MarkRouted(Guid workOrderId, DateTimeOffset at)
    {
        if (Status != RequestStatus.Received)
        {
            return;
        }

        Status = RequestStatus.Routed;
        WorkOrderId = workOrderId;
        Routing.Complete(at);
    }

    /// <summary>Whether the 5-minute routing rule is (or, still unrouted at <paramref name="now"/>, already was) broken.</summary>
    public bool RoutingBreached(DateTimeOffset now) => (Routing.CompletedAt ?? now) > Routing.DueAt;
}
