namespace PropertyPlatform.Web.Api;

/// <summary>One event of a deadline (warned, breached, escalated) as the shared SLA API lists it (<c>/sla-events</c>).</summary>
public sealed record SlaEventView(
    Guid Id, Guid EstateId, string Subject, Guid SubjectId, string Policy, string Kind, int Level, string NotifiedRole, DateTimeOffset DueAt,
    DateTimeOffset OccurredAt);

/// <summary>Reception's AssignComplaintCommand: the department and person responsible, the deadline in working hours (16 when left out).</summary>
public sealed record AssignComplaintBody(string? Department, string? ResponsiblePerson, int? DeadlineWorkingHours);

/// <summary>One estate's weekly review of last week's callbacks (reception's <c>/callback-approvals</c>).</summary>
public sealed record CallbackApprovalView(
    Guid Id, Guid EstateId, DateOnly WeekStart, string Status, DateTimeOffset DueAt, bool Breached, string? ApproverName, DateTimeOffset? ApprovedAt,
    string? Note);

/// <summary>A callback made (the fields the weekly review shows).</summary>
public sealed record CallbackView(
    Guid Id, Guid RequestId, string? TechnicianName, string Category, string Selection, string Status, DateTimeOffset DueAt, bool Overdue,
    DateTimeOffset? CalledAt, int? Attitude, int? Quality, int? Speed, bool? Satisfied, string? Shortcomings);

public sealed record ApproveCallbacksBody(string? Note);
