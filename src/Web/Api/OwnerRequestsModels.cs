namespace PropertyPlatform.Web.Api;

/// <summary>One of the owner's requests as reception returns it (the fields the owner's pages show).</summary>
public sealed record OwnerRequestView(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    string Category,
    string Urgency,
    string Description,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? RoutedAt,
    Guid? WorkOrderId,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ClosedAt,
    string? TechnicianName,
    int ReopenCount,
    DateTimeOffset? AgreedAppointmentAt);

/// <summary>
/// The owner's (and the desk's) view of the work order of a request: maintenance's work order, its steps as they were
/// taken, and the photos its completions named.
/// </summary>
public sealed record OwnerWorkOrderView(
    Guid Id,
    string Status,
    string? TechnicianName,
    string AppointmentStatus,
    DateTimeOffset? AppointmentStartsAt,
    DateTimeOffset? AppointmentEndsAt,
    string? ReopenReason,
    IReadOnlyList<OwnerWorkOrderStepView> Steps,
    IReadOnlyList<Guid> CompletionPhotoIds);

public sealed record OwnerWorkOrderStepView(string Action, DateTimeOffset At, string? Note);

/// <summary>A visit maintenance proposed, as reception's appointments API returns it.</summary>
public sealed record AppointmentView(
    Guid Id, Guid WorkOrderId, Guid? RequestId, DateTimeOffset ProposedStartsAt, DateTimeOffset ProposedEndsAt, string Status,
    DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

/// <summary>Reception's ConfirmAppointmentCommand: no times takes the proposal.</summary>
public sealed record ConfirmAppointmentBody(DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null);

/// <summary>Maintenance's VerifyWorkOrderCommand: the owner accepts, or rejects with a reason.</summary>
public sealed record VerifyBody(bool? Accepted, string? Reason);

/// <summary>A callback about the owner's request (reception's <c>/callbacks/mine</c>).</summary>
public sealed record OwnerCallbackView(
    Guid Id, Guid RequestId, string Status, DateTimeOffset DueAt, DateTimeOffset? CalledAt, int? Attitude, int? Quality, int? Speed, bool? Satisfied);

/// <summary>Reception's CompleteCallbackCommand: scores 1 (very dissatisfied) to 5 (very satisfied).</summary>
public sealed record CallbackAnswersBody(int? Attitude, int? Quality, int? Speed, string? Shortcomings, string? Suggestions);
