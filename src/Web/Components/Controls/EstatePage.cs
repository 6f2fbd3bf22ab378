using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Layout;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>
/// A page about one estate the user works in (<c>?estate=</c>, else their first): the estate's name and clock are
/// loaded first, and an estate that is not theirs is a plain message.
/// </summary>
public abstract class EstatePage : GatewayPage
{
    [SupplyParameterFromQuery(Name = "estate")]
    public Guid? EstateId { get; set; }

    [CascadingParameter]
    protected Task<AuthenticationState> Authentication { get; set; } = null!;

    protected EstateView? Estate { get; private set; }

    /// <summary>Every date and time on the page, in the estate's time zone.</summary>
    protected EstateTime? Clock { get; private set; }

    /// <summary>Set when the estate (or a record) is not the user's to see: the page shows only this.</summary>
    protected bool NotYours { get; set; }

    /// <summary>The last call's field errors (problem details, shown next to their fields) or plain message.</summary>
    protected FormState Form { get; } = new();

    /// <summary>The last call's field errors (problem details), shown next to their fields.</summary>
    protected IReadOnlyDictionary<string, string[]> Errors
    {
        get => Form.FieldErrors;
        set => Form.FieldErrors = value;
    }

    protected string? Error(string field) => Form.ErrorFor(field);

    protected MessageState? State(string field) => Form.StateFor(field);

    /// <summary>What went wrong with the last call when no field is to blame (a conflict, another estate's record).</summary>
    protected string? Failure
    {
        get => Form.Message;
        set => Form.Message = value;
    }

    /// <summary>Whether the call succeeded; if not, its field errors or a plain message are set for the page to show.</summary>
    protected bool Succeeded<T>([NotNullWhen(true)] ApiResult<T>? result) => Succeeded(result, Form);

    protected override async Task OnParametersSetAsync()
    {
        var estateId = EstateId ?? (Journeys.Estates((await Authentication).User) is [var first, ..] ? first : Guid.Empty);
        var estate = await CallAsync(g => g.GetAsync<EstateView>($"/api/reception/estates/{estateId}"));
        if (estate is null)
        {
            return;
        }

        if (!estate.Succeeded)
        {
            NotYours = true;
            return;
        }

        (Estate, Clock) = (estate.Value, new EstateTime(estate.Value!.TimeZoneId));
        await OnEstateLoadedAsync();
        _loaded = true;
    }

    private bool _loaded;

    /// <summary>
    /// Set once the circuit is up and the page's data is in: what is typed before is lost to the renders that bring the
    /// circuit and the data.
    /// </summary>
    protected override string? InteractiveMarker => _loaded ? base.InteractiveMarker : null;

    /// <summary>Loads what the page shows of <see cref="Estate"/>.</summary>
    protected abstract Task OnEstateLoadedAsync();
}
