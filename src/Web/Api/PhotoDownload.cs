using Microsoft.AspNetCore.Authorization;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Web.Api;

/// <summary>
/// A photo for an <c>img</c> in the browser, through <see cref="GatewayDownload"/>: a work order's (maintenance's) or a
/// customer request's (reception's). The service decides who may see it (the estate's staff, and the owner of the unit).
/// </summary>
public static class PhotoDownload
{
    private static readonly string Readers = string.Join(",",
        PlatformRoles.Technician, PlatformRoles.MaintenanceSupervisor, PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor,
        PlatformRoles.FrontDeskClerk, PlatformRoles.Owner);

    public static string WorkOrderPath(Guid workOrderId, Guid photoId) => $"work-order-photos/{workOrderId}/{photoId}";

    public static string RequestPath(Guid requestId, Guid attachmentId) => $"request-photos/{requestId}/{attachmentId}";

    public static IReadOnlyList<string> WorkOrderPaths(Guid workOrderId, IEnumerable<Guid> photoIds) =>
        [.. photoIds.Select(p => WorkOrderPath(workOrderId, p))];

    public static IReadOnlyList<string> RequestPaths(Guid requestId, IEnumerable<Guid> attachmentIds) =>
        [.. attachmentIds.Select(a => RequestPath(requestId, a))];

    public static IEndpointRouteBuilder MapPhotoDownloads(this IEndpointRouteBuilder app)
    {
        var readers = new AuthorizeAttribute { Roles = Readers };
        app.MapGet("/work-order-photos/{workOrderId:guid}/{photoId:guid}",
                (Guid workOrderId, Guid photoId, HttpContext context, IHttpClientFactory clients, CancellationToken cancellationToken) =>
                    DownloadAsync(context, clients, $"/api/maintenance/work-orders/{workOrderId}/photos/{photoId}", cancellationToken))
            .RequireAuthorization(readers);
        app.MapGet("/request-photos/{requestId:guid}/{attachmentId:guid}",
                (Guid requestId, Guid attachmentId, HttpContext context, IHttpClientFactory clients, CancellationToken cancellationToken) =>
                    DownloadAsync(context, clients, $"/api/reception/requests/{requestId}/attachments/{attachmentId}", cancellationToken))
            .RequireAuthorization(readers);
        return app;
    }

    private static Task<IResult> DownloadAsync(HttpContext context, IHttpClientFactory clients, string path, CancellationToken cancellationToken) =>
        GatewayDownload.GetAsync(context, clients, path, (response, bytes) =>
        {
            // A photo never changes under its id; only this user's browser may keep it.
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return TypedResults.File(bytes, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream");
        }, cancellationToken);
}
