using Microsoft.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>A page that calls the services: a lost session takes the user to sign-in and back to this page.</summary>
public abstract class GatewayPage : ComponentBase
{
    [Inject]
    protected GatewayClient Gateway { get; set; } = null!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    /// <summary>The call's result, or null when the session was lost (the browser is then on its way to sign-in).</summary>
    protected async Task<ApiResult<T>?> CallAsync<T>(Func<GatewayClient, Task<ApiResult<T>>> call)
    {
        try
        {
            return await call(Gateway);
        }
        catch (SessionLostException)
        {
            var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo($"/signin?returnUrl={Uri.EscapeDataString(here)}", forceLoad: true);
            return null;
        }
    }
}
