namespace PropertyPlatform.Web.Api;

/// <summary>
/// A complaint as reception's <c>/complaints</c> returns it (the desk's and the supervisor's screens). <c>DeadlineAt</c>
/// is the deadline that applies (the request's 5-minute routing until assigned, then the resolution deadline).
/// </summary>
public sealed record ComplaintView(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    Guid RequestId,
    string ComplainantName,
    string? ComplainantPhone,
    string Description,
    string Status,
    DateTimeOffset RecordedAt,
    string? Kind,
    string? Category,
    string? Department,
    string? ResponsiblePerson,
    DateTimeOffset? DueAt,
    bool Paused,
    bool Breached,
    string? Resolution,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? InformedAt,
    int? SatisfactionScore,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ComplaintStepView> Steps,
    DateTimeOffset DeadlineAt,
    TimeSpan? RemainingWhenPaused,
    int EscalationLevel);

/// <summary>One step of a complaint's handling: what, who, when, and what they wrote.</summary>
public sealed record ComplaintStepView(int Number, string Action, string By, string ByName, DateTimeOffset At, string Note);

/// <summary>Reception's ClassifyComplaintCommand.</summary>
public sealed record ClassifyComplaintBody(string? Kind, string? Category);

/// <summary>Reception's ComplaintNoteCommand: a note, a pause's reason, the resolution, or what the resident was told.</summary>
public sealed record ComplaintNoteBody(string? Note);

/// <summary>Reception's ComplaintSatisfactionCommand: 1 (very dissatisfied) to 5.</summary>
public sealed record ComplaintSatisfactionBody(int? Score, string? Comment);
