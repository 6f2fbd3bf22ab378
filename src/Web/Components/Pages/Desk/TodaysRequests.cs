using System.Globalization;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Desk;

/// <summary>Today's requests of one estate (estate-local today), newest first, read page by page from reception.</summary>
public static class TodaysRequests
{
    /// <summary>A day at the busiest desk stays well below this; beyond it the queue shows the newest ones.</summary>
    private const int MaxPages = 10;

    public static async Task<ApiResult<List<RequestView>>> LoadAsync(
        GatewayClient gateway, Guid estateId, EstateTime estate, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = new List<RequestView>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"/api/reception/requests?estateId={estateId}&limit=100")
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var result = await gateway.GetAsync<PageOf<RequestView>>(path, cancellationToken);
            if (!result.Succeeded)
            {
                return new ApiResult<List<RequestView>>(null, result.Status, result.Title, result.FieldErrors, result.Detail);
            }

            var items = result.Value!.Items;
            today.AddRange(items.Where(r => estate.IsToday(r.ReceivedAt, time)));
            cursor = result.Value.NextCursor;
            // Newest first: once a page reaches into yesterday, the rest is older still.
            if (cursor is null || items.Any(r => !estate.IsToday(r.ReceivedAt, time)))
            {
                break;
            }
        }

        return new ApiResult<List<RequestView>>(today, System.Net.HttpStatusCode.OK, null, new Dictionary<string, string[]>());
    }
}
