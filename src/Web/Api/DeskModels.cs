namespace PropertyPlatform.Web.Api;

/// <summary>A callback as reception's <c>/callbacks</c> returns it (the desk's list of calls to make).</summary>
public sealed record DueCallbackView(
    Guid Id,
    Guid EstateId,
    Guid RequestId,
    Guid? UnitId,
    Guid? WorkOrderId,
    string? TechnicianName,
    string Category,
    string Selection,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? CalledAt,
    int? Attitude,
    int? Quality,
    int? Speed,
    bool? Satisfied,
    string? Shortcomings,
    string? Suggestions);

/// <summary>Reception's CompleteCallbackCommand: the callback script's answers, scores 1 (very dissatisfied) to 5.</summary>
public sealed record CompleteCallbackBody(int? Attitude, int? Quality, int? Speed, string? Shortcomings, string? Suggestions);

/// <summary>A parcel at the desk as reception's <c>/parcels</c> returns it.</summary>
public sealed record ParcelView(
    Guid Id, Guid EstateId, Guid UnitId, string Carrier, string TrackingNumber, string Shelf, DateTimeOffset ReceivedAt, DateTimeOffset? CollectedAt,
    string? CollectedBy);

/// <summary>Reception's ReceiveParcelCommand (received now).</summary>
public sealed record ReceiveParcelBody(Guid? EstateId, Guid? UnitId, string? Carrier, string? TrackingNumber, string? Shelf);

/// <summary>Reception's CollectParcelCommand: who took the parcel away.</summary>
public sealed record CollectParcelBody(string? CollectedBy);

/// <summary>An owner on reception's roster (<c>/owners</c>); the phone as the desk may see it.</summary>
public sealed record OwnerView(Guid Id, Guid EstateId, string FullName, string Phone, string IdNumber, IReadOnlyList<Guid> UnitIds, DateTimeOffset RegisteredAt);

/// <summary>Reception's RegisterOwnerCommand.</summary>
public sealed record RegisterOwnerBody(Guid EstateId, string? FullName, string? Phone, string? IdNumber, Guid[] UnitIds);

/// <summary>Identity's one-time activation code for an owner's app account: shown once, to be handed to the owner.</summary>
public sealed record ActivationCodeView(Guid OwnerId, string Code, DateTimeOffset ExpiresAt);
