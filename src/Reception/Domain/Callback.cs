using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

/// <summary>Why a request got a callback: every repair, every paid service, and a sample of the rest.</summary>
public enum CallbackSelection
{
    Repair,
    PaidService,
    Sample,
}

public enum CallbackStatus
{
    Pending,
    Completed,
}

/// <summary>
/// The front desk calls the requester back after the work is done (回访), within <see cref="Deadline"/>, and records
/// their satisfaction with the attitude, quality and speed, with shortcomings and suggestions. A score of
/// <see cref="DissatisfiedAtOrBelow"/> or lower on any of them is a dissatisfied requester: the request reopens.
/// </summary>
public sealed class Callback : IEstateOwned
{
    /// <summary>Within 24 hours of completion, around the clock; the supervisor hears of a breach, the manager a day later.</summary>
    public static readonly SlaPolicy Deadline = new(
        "callback-24h", SlaTimeBasis.Elapsed, TimeSpan.FromHours(24), TimeSpan.FromHours(4),
        SlaPolicy.FrontDeskChain(toManagerAfter: TimeSpan.FromHours(24)));

    /// <summary>
    /// An ordinary repair (normal or planned urgency) is called back the same estate-local day it was completed (当日内);
    /// that is never later than the 24 hours, which stay the outer bound for the rest.
    /// </summary>
    public static readonly SlaPolicy SameDayDeadline = new(
        "callback-same-day", SlaTimeBasis.SameLocalDay, TimeSpan.Zero, TimeSpan.FromHours(2),
        SlaPolicy.FrontDeskChain(toManagerAfter: TimeSpan.FromHours(24)));

    public const int DissatisfiedAtOrBelow = 2;

    /// <summary>The rule a callback's clock runs under.</summary>
    public SlaPolicy Policy => Due.Policy == SameDayDeadline.Name ? SameDayDeadline : Deadline;

    private Callback()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid? UnitId { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    public Guid? TechnicianId { get; private set; }

    public string? TechnicianName { get; private set; }

    public RequestCategory Category { get; private set; }

    public CallbackSelection Selection { get; private set; }

    /// <summary>For a sampled request: its draw (0–9,999) from <see cref="CallbackSampler"/>, so anyone can check the choice.</summary>
    public int? SampleDraw { get; private set; }

    public CallbackStatus Status { get; private set; }

    public SlaClock Due { get; private set; } = null!;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CalledAt { get; private set; }

    /// <summary>The account that made the call.</summary>
    public string? CalledBy { get; private set; }

    public int? Attitude { get; private set; }

    public int? Quality { get; private set; }

    public int? Speed { get; private set; }

    public bool? Satisfied { get; private set; }

    public string? Shortcomings { get; private set; }

    public string? Suggestions { get; private set; }

    public Guid CorrelationId { get; private set; }

    public uint Version { get; private set; }

    public static Callback Open(CustomerRequest request, CallbackSelection selection, int? sampleDraw, EstateCalendar calendar, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = request.EstateId,
        RequestId = request.Id,
        UnitId = request.UnitId,
        WorkOrderId = request.WorkOrderId,
        TechnicianId = request.TechnicianId,
        TechnicianName = request.TechnicianName,
        Category = request.Category,
        Selection = selection,
        SampleDraw = sampleDraw,
        Status = CallbackStatus.Pending,
        Due = SlaClock.Start(
            selection == CallbackSelection.Repair && request.Urgency is Urgency.Normal or Urgency.Planned ? SameDayDeadline : Deadline, calendar, at),
        CreatedAt = at,
        CorrelationId = request.CorrelationId,
    };

    /// <summary>Records the call; once only. Returns whether the requester was satisfied.</summary>
    public bool Complete(int attitude, int quality, int speed, string? shortcomings, string? suggestions, string calledBy, DateTimeOffset at)
    {
        if (Status == CallbackStatus.Completed)
        {
            throw new ConflictException("This callback was already made.");
        }

        Attitude = attitude;
        Quality = quality;
        Speed = speed;
        Shortcomings = shortcomings;
        Suggestions = suggestions;
        CalledBy = calledBy;
        CalledAt = at;
        Status = CallbackStatus.Completed;
        Satisfied = Math.Min(attitude, Math.Min(quality, speed)) > DissatisfiedAtOrBelow;
        Due.Complete(at);
        return Satisfied.Value;
    }

    public bool WithinDeadline => CalledAt is { } called && called <= Due.DueAt;
}
