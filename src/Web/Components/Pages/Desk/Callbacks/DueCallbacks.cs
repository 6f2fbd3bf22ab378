using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Desk.Callbacks;

/// <summary>
/// An estate's pending callbacks, soonest deadline first. Reception pages them newest first; the desk's pending
/// ones are few (each is called within a day), so they are read whole and ordered here.
/// </summary>
public static class DueCallbacks
{
    /// <summary>Far above a day's callbacks at the busiest desk.</summary>
    private const int MaxPages = 5;

    public static async Task<ApiResult<List<DueCallbackView>>> LoadAsync(GatewayClient gateway, Guid estateId, CancellationToken cancellationToken)
    {
        var pending = new List<DueCallbackView>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = $"/api/reception/callbacks?estateId={estateId}&status=Pending&limit=100"
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var result = await gateway.GetAsync<PageOf<DueCallbackView>>(path, cancellationToken);
            if (!result.Succeeded)
            {
                return new ApiResult<List<DueCallbackView>>(null, result.Status, result.Title, result.FieldErrors, result.Detail);
            }

            pending.AddRange(result.Value!.Items);
            cursor = result.Value.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        return new ApiResult<List<DueCallbackView>>(
            [.. pending.OrderBy(c => c.DueAt).ThenBy(c => c.CreatedAt)], System.Net.HttpStatusCode.OK, null, new Dictionary<string, string[]>());
    }
}
