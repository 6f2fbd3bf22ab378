using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.WorkOrders;

/// <summary>A work order; <c>attachmentIds</c> are the request's photos, at reception's <c>/api/reception/requests/{requestId}/attachments/{id}</c>.</summary>
public sealed record WorkOrderResponse(
    Guid Id,
    Guid EstateId,
    Guid? RequestId,
    Guid? UnitId,
    string Description,
    WorkOrderUrgency Urgency,
    WorkOrderStatus Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Guid> AttachmentIds);

public static class WorkOrdersApi
{
    public static RouteGroupBuilder MapWorkOrdersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/work-orders").WithTags("Work orders");
        group.MapGet("/{id:guid}", GetWorkOrder).RequireRoles(ReadingRoles);
        group.MapGet("/", ListWorkOrders).RequireRoles(ReadingRoles);
        return group;
    }

    /// <summary>Maintenance staff, and the front desk that follows up on requests; limited to their estates.</summary>
    private static readonly string[] ReadingRoles =
        [
            PlatformRoles.MaintenanceSupervisor, PlatformRoles.Technician, PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor,
            PlatformRoles.FrontDeskClerk,
        ];

    public static async Task<Ok<WorkOrderResponse>> GetWorkOrder(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken)
    {
        var workOrder = await db.WorkOrders.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken)
            ?? throw new NotFoundException("Work order", id);
        return TypedResults.Ok(ToResponse(workOrder));
    }

    /// <summary>Work orders of the caller's estates, newest first, keyset-paged; by estate and/or by the request they came from.</summary>
    public static async Task<Ok<Page<WorkOrderResponse>>> ListWorkOrders(
        MaintenanceDbContext db,
        Guid? estateId,
        Guid? requestId,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        var query = db.WorkOrders.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(w => w.EstateId == estateId);
        }

        if (requestId is not null)
        {
            query = query.Where(w => w.RequestId == requestId);
        }

        var page = await query.ToKeysetPageAsync(w => w.CreatedAt, w => w.Id, cursor, limit, ToResponse, cancellationToken);
        return TypedResults.Ok(page);
    }

    private static WorkOrderResponse ToResponse(WorkOrder w) =>
        new(w.Id, w.EstateId, w.RequestId, w.UnitId, w.Description, w.Urgency, w.Status, w.CreatedAt, w.AttachmentIds);
}
