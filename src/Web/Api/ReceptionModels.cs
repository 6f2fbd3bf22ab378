namespace PropertyPlatform.Web.Api;

/// <summary>One page of a keyset-paged list.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record EstateView(Guid Id, string Name, string TimeZoneId);

/// <summary>A unit of the registry; people tell units apart by building and number (<see cref="Label"/>).</summary>
public sealed record UnitView(Guid Id, Guid EstateId, Guid BuildingId, string BuildingCode, string Number, int Floor)
{
    public string Label => $"{BuildingCode} – {Number}";
}

/// <summary>An owner's unit, with the estate whose time zone its dates are shown in.</summary>
public sealed record OwnUnitView(Guid Id, Guid EstateId, string EstateName, string TimeZoneId, string BuildingCode, string Number);

/// <summary>A customer request as reception's request API returns it (the fields the screens show).</summary>
public sealed record RequestView(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    string Channel,
    string Category,
    string Urgency,
    string Description,
    string RequesterName,
    string? RequesterPhone,
    string Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RouteBy,
    DateTimeOffset? RoutedAt,
    bool RoutingBreached,
    DateTimeOffset FeedbackDueBy,
    DateTimeOffset? FeedbackGivenAt,
    bool FeedbackBreached,
    Guid? WorkOrderId,
    string? RoutedTo = null,
    string? Assignee = null,
    string? Resolution = null);

/// <summary>Forwards a request that is not a repair to a department (reception's RouteRequestCommand).</summary>
public sealed record RouteRequestBody(string? Department, string? Assignee);

/// <summary>What was done about a forwarded request (reception's ResolveRequestCommand).</summary>
public sealed record ResolveRequestBody(string? Resolution, bool PaidService);

/// <summary>What the requester was told (reception's GiveFeedbackCommand).</summary>
public sealed record RequestFeedbackBody(string? Note);

/// <summary>What the intake form and the owner's report send (reception's RecordRequestCommand), with the photos uploaded for it.</summary>
public sealed record NewRequestBody(
    Guid? EstateId,
    Guid? UnitId,
    string? Channel,
    string? Category,
    string? Urgency,
    string? Description,
    string? RequesterName,
    string? RequesterPhone,
    IReadOnlyList<Guid>? AttachmentIds = null);

/// <summary>A photo of a customer request (reception's attachment): uploaded first, then named by the request.</summary>
public sealed record AttachmentView(Guid Id, Guid EstateId, Guid? RequestId, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt);
