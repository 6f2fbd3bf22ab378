using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>
/// Reception's registry as the unit fields and lists need it: units found by the start of their number, and the labels
/// of the units a list shows, fetched by id a hundred at a time, never the estate's whole list.
/// </summary>
public static class UnitSearch
{
    /// <summary>How many matches the field offers: enough to see the building a number is in, few enough to read.</summary>
    public const int Offered = 20;

    /// <summary>Reception's largest id lookup.</summary>
    public const int IdsPerCall = 100;

    /// <summary>The estate's units whose number starts with <paramref name="text"/>, in number order.</summary>
    public static async Task<IReadOnlyList<UnitView>> FindAsync(
        GatewayClient gateway, Guid estateId, string text, string? status, CancellationToken cancellationToken = default)
    {
        var typed = text.Trim();
        if (typed.Length == 0)
        {
            return [];
        }

        var filter = status is null ? "" : $"&status={Uri.EscapeDataString(status)}";
        var found = await gateway.GetAsync<PageOf<UnitView>>(
            $"/api/reception/units?estateId={estateId}&number={Uri.EscapeDataString(typed)}{filter}&limit={Offered}", cancellationToken);
        // Reception answers in number order (101 before 1001, an exact match first): offered as it answers.
        return found.Value?.Items ?? [];
    }

    /// <summary>The units of <paramref name="ids"/> (repeats and nulls ignored), in one call per hundred.</summary>
    public static async Task<Dictionary<Guid, UnitView>> ByIdAsync(GatewayClient gateway, IEnumerable<Guid?> ids, CancellationToken cancellationToken = default)
    {
        var units = new Dictionary<Guid, UnitView>();
        foreach (var chunk in ids.OfType<Guid>().Distinct().Chunk(IdsPerCall))
        {
            var found = await gateway.GetAsync<PageOf<UnitView>>(
                $"/api/reception/units?ids={string.Join(',', chunk)}&limit={IdsPerCall}", cancellationToken);
            foreach (var unit in found.Value?.Items ?? [])
            {
                units[unit.Id] = unit;
            }
        }

        return units;
    }
}
