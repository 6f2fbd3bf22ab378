using Microsoft.AspNetCore.Authorization;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// A work order's photo for an <c>img</c> in the browser, through <see cref="GatewayDownload"/>. Maintenance decides who
/// may see it (the order's estate staff, and the owner of its unit).
/// </summary>
public static class WorkOrderPhotoDownload
{
    private static readonly string Readers = string.Join(",",
        PlatformRoles.Technician, PlatformRoles.MaintenanceSupervisor, PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor,
        PlatformRoles.FrontDeskClerk, PlatformRoles.Owner);

    public static string Path(Guid workOrderId, Guid photoId) => $"work-order-photos/{workOrderId}/{photoId}";

    public static IEndpointRouteBuilder MapWorkOrderPhotoDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/work-order-photos/{workOrderId:guid}/{photoId:guid}", DownloadAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = Readers });
        return app;
    }

    private static Task<IResult> DownloadAsync(Guid workOrderId, Guid photoId, HttpContext context, IHttpClientFactory clients, CancellationToken cancellationToken) =>
        GatewayDownload.GetAsync(context, clients, $"/api/maintenance/work-orders/{workOrderId}/photos/{photoId}", (response, bytes) =>
        {
            // A photo never changes under its id; only this user's browser may keep it.
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return TypedResults.File(bytes, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream");
        }, cancellationToken);
}
