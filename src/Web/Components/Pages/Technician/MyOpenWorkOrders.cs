using System.Net;
using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Technician;

/// <summary>
/// The technician's open work orders, newest first, a screen at a time: maintenance pages all of the technician's orders
/// (its keyset cursor), and the finished ones are skipped here until a screen is full or the list ends.
/// </summary>
public static class MyOpenWorkOrders
{
    public const int ScreenSize = 20;

    /// <summary>How many of maintenance's pages one screen reads at most, so a long history of finished work stays quick.</summary>
    private const int MaxPages = 5;

    public static async Task<ApiResult<PageOf<WorkOrderView>>> LoadAsync(GatewayClient gateway, string? technicianId, string? cursor)
    {
        if (!Guid.TryParse(technicianId, out var me))
        {
            return new ApiResult<PageOf<WorkOrderView>>(null, HttpStatusCode.Forbidden, null, new Dictionary<string, string[]>());
        }

        var open = new List<WorkOrderView>();
        for (var page = 0; page < MaxPages && open.Count < ScreenSize; page++)
        {
            var path = $"/api/maintenance/work-orders?technicianId={me}&limit={ScreenSize}"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var result = await gateway.GetAsync<PageOf<WorkOrderView>>(path);
            if (!result.Succeeded)
            {
                return new ApiResult<PageOf<WorkOrderView>>(null, result.Status, result.Title, result.FieldErrors, result.Detail);
            }

            open.AddRange(result.Value!.Items.Where(w => w.IsOpenForTechnician));
            cursor = result.Value.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        return new ApiResult<PageOf<WorkOrderView>>(new PageOf<WorkOrderView>(open, cursor), HttpStatusCode.OK, null, new Dictionary<string, string[]>());
    }
}
