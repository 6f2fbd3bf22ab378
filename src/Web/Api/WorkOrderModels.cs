namespace PropertyPlatform.Web.Api;

/// <summary>A work order as maintenance's work-order API returns it (the fields the technician and the dispatch board show).</summary>
public sealed record WorkOrderView(
    Guid Id,
    Guid EstateId,
    Guid? RequestId,
    Guid? UnitId,
    string? Area,
    string Source,
    string? Trade,
    string Description,
    string Urgency,
    string Status,
    DateTimeOffset CreatedAt,
    Guid? TechnicianId,
    string? TechnicianName,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ArrivedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<PartUsedView> PartsUsed,
    int? LabourMinutes,
    string? CompletionNotes,
    IReadOnlyList<Guid> CompletionPhotoIds,
    bool NeedsRedispatch,
    string? RedispatchReason,
    DateTimeOffset? AppointmentStartsAt,
    DateTimeOffset ResponseDueAt,
    bool ResponseBreached,
    DateTimeOffset CompletionDueAt,
    bool CompletionBreached)
{
    /// <summary>Still the technician's to do: dispatched to them and not yet completed.</summary>
    public bool IsOpenForTechnician => Status is "Dispatched" or "Accepted" or "OnSite";
}

public sealed record PartUsedView(string Name, decimal Quantity, string? Code);

/// <summary>A part of the estate's spare-parts store (maintenance's <c>/store/parts</c>).</summary>
public sealed record SparePartView(Guid Id, Guid EstateId, string Code, string Name, string Unit, decimal OnHand, bool Low);

/// <summary>What the technician reports on completion (maintenance's CompleteWorkOrderCommand); parts by their store code.</summary>
public sealed record CompleteWorkOrderBody(
    IReadOnlyList<PartUsedBody> Parts, int? LabourMinutes, bool? TestDone, bool? SiteCleaned, string? Notes, IReadOnlyList<Guid> PhotoIds);

public sealed record PartUsedBody(string? Code, decimal? Quantity);

/// <summary>Who could take a work order now, each with why (or why not): maintenance's <c>/work-orders/{id}/candidates</c>.</summary>
public sealed record CandidatesView(Guid WorkOrderId, string Trade, DateTimeOffset At, IReadOnlyList<CandidateView> Candidates);

/// <summary>One candidate; <see cref="Explanation"/> is <see cref="Reasons"/> one for one as codes and values, for the reader's language and clock.</summary>
public sealed record CandidateView(
    Guid StaffId, string Name, bool Eligible, int? Rank, IReadOnlyList<string> Reasons, int OpenWorkOrders, int OpenInOtherEstates,
    IReadOnlyList<DispatchReasonView>? Explanation = null);

/// <summary>Maintenance's DispatchReason: a rule's code and the trade, date, shift end (an instant), shift name and counts it names.</summary>
public sealed record DispatchReasonView(string Code, string? Trade, DateOnly? Date, DateTimeOffset? Until, string? Shift, int? Count, int? Other);

public sealed record DispatchBody(Guid? TechnicianId, string? Trade);

public sealed record DispatchView(WorkOrderView WorkOrder, CandidateView? DispatchedTo);

/// <summary>A photo of the finished work as maintenance stored it (<c>/work-orders/{id}/photos</c>).</summary>
public sealed record WorkOrderPhotoView(Guid Id, Guid WorkOrderId, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt);
