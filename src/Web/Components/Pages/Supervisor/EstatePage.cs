using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Supervisor;

/// <summary>
/// A supervisor's page about one estate (<c>?estate=</c>, else their first): the estate and its clock, or the plain
/// message when it is not theirs.
/// </summary>
public abstract class EstatePage : GatewayPage
{
    [SupplyParameterFromQuery(Name = "estate")]
    public Guid? EstateId { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = null!;

    protected EstateView? Estate { get; private set; }

    protected EstateTime? Clock { get; private set; }

    protected System.Security.Claims.ClaimsPrincipal User { get; private set; } = new();

    /// <summary>Loads the estate; false (and nothing to show) when it is not one of the user's.</summary>
    protected async Task<bool> LoadEstateAsync()
    {
        User = (await Authentication).User;
        var estates = Layout.Journeys.Estates(User);
        var estateId = EstateId ?? (estates.Count > 0 ? estates[0] : Guid.Empty);
        if (Estate?.Id == estateId)
        {
            return true;
        }

        var estate = await CallAsync(g => g.GetAsync<EstateView>($"/api/reception/estates/{estateId}"));
        if (estate?.Succeeded != true)
        {
            return false;
        }

        (Estate, Clock) = (estate.Value, new EstateTime(estate.Value!.TimeZoneId));
        return true;
    }
}
