namespace PropertyPlatform.Web.Api;

/// <summary>security-gate's answer to the guard's online pass check (PassCheckResponse).</summary>
public sealed record PassCheckView(bool Admitted, string? Refusal, Guid? PassId, string? VisitorName, Guid? UnitId, int? UsesLeft, Guid? VisitId);

/// <summary>A visit at the gate, the ID number masked by the service.</summary>
public sealed record VisitView(
    Guid Id, Guid EstateId, Guid? UnitId, string VisitorName, string? IdNumber, string? HostName, string? Purpose, string Outcome, string? RefusalReason,
    DateTimeOffset ArrivedAt, DateTimeOffset? LeftAt, Guid? PassId, int HostsNotified);

/// <summary>What the visitor form sends (RegisterVisitCommand); no unit is business with the estate.</summary>
public sealed record NewVisitBody(Guid? EstateId, string? VisitorName, string? IdNumber, Guid? UnitId, string? HostName, string? Purpose);

public sealed record ExitPermitView(
    Guid Id, Guid EstateId, Guid UnitId, string Items, string CarriedBy, DateOnly PlannedOn, string Status, DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt, string? RejectionReason, DateTimeOffset? ExitedAt);

/// <summary>The check at the exit: <c>Exited</c>, or <c>Held</c> with the reason.</summary>
public sealed record ExitCheckView(string Outcome, string? Reason, ExitPermitView Permit, Guid? HeldItemId);

public sealed record HeldItemView(Guid Id, Guid EstateId, Guid? UnitId, string Items, string CarriedBy, string Reason, Guid? PermitId, DateTimeOffset HeldAt);

public sealed record HoldItemsBody(Guid? EstateId, Guid? UnitId, string? Items, string? CarriedBy, string? Reason);

public sealed record ScanBody(Guid? EstateId, string? CheckpointCode, Guid? ScanId);

/// <summary>A recorded checkpoint scan: <c>OnTime</c>, <c>Late</c> or <c>Unscheduled</c>.</summary>
public sealed record ScanView(Guid Id, Guid EstateId, string CheckpointCode, string Guard, DateTimeOffset ScannedAt, string Outcome, Guid? VisitId, DateTimeOffset? ExpectedAt);

/// <summary>A checkpoint visit of a round: <c>missed</c>, <c>late</c>, <c>onTime</c> or <c>pending</c>.</summary>
public sealed record CheckpointVisitView(
    Guid Id, Guid RouteId, string Code, string CheckpointName, DateTimeOffset ExpectedAt, DateTimeOffset DueAt, DateTimeOffset? ScannedAt, string? ScannedBy,
    string Status);

public sealed record PostView(
    Guid Id, Guid EstateId, string Name, string Certification, Guid? GuardId, string? GuardName, DateTimeOffset? GuardSince, bool Uncovered,
    DateTimeOffset? UncoveredSince, string? UncoveredReason);

public sealed record HandoverItemView(Guid Id, string Text, DateTimeOffset OpenedAt);

public sealed record EquipmentCheckView(string Item, bool Ok, string? Note);

public sealed record HandoverView(
    Guid Id, Guid EstateId, Guid PostId, Guid? FromGuardId, Guid ToGuardId, string ToGuardName, DateTimeOffset HandedOverAt, string? Notes,
    IReadOnlyList<HandoverItemView> OpenItems, IReadOnlyList<HandoverItemView> ClosedItems, IReadOnlyList<EquipmentCheckView> Equipment);

public sealed record GateHandoverBody(Guid? ToGuardId, EquipmentCheckView[] Equipment, Guid[] ClosedItemIds, string[] NewItems, string? Notes);
