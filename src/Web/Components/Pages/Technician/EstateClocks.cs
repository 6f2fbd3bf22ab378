using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Technician;

/// <summary>The clock of each estate a list touches, read once from reception's registry (a technician may work in several).</summary>
public sealed class EstateClocks
{
    private readonly Dictionary<Guid, EstateTime> _clocks = [];

    public async Task<EstateTime> ForAsync(GatewayClient gateway, Guid estateId, CancellationToken cancellationToken = default)
    {
        if (!_clocks.TryGetValue(estateId, out var clock))
        {
            var estate = await gateway.GetAsync<EstateView>($"/api/reception/estates/{estateId}", cancellationToken);
            clock = new EstateTime(estate.Value?.TimeZoneId ?? "UTC");
            _clocks[estateId] = clock;
        }

        return clock;
    }
}
