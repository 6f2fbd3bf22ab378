using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Resources;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>
/// A page that calls the services: a lost session takes the user to sign-in and back to this page, and what they had
/// typed into the page's form (named with <see cref="KeepsDraft{TForm}(Func{TForm}, Action{TForm})"/>) is put back
/// into it (<see cref="FormDrafts"/>).
/// </summary>
public abstract class GatewayPage : ComponentBase
{
    private static readonly JsonSerializerOptions DraftJson = JsonSerializerOptions.Web;

    [Inject]
    protected GatewayClient Gateway { get; set; } = null!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = null!;

    [Inject]
    private FormDrafts Drafts { get; set; } = null!;

    [Inject]
    private AuthenticationStateProvider SignedInUser { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> Texts { get; set; } = null!;

    [Inject]
    private IJSRuntime Scripts { get; set; } = null!;

    private (Func<string> Json, Func<string, Task> Restore)? _draft;

    /// <summary>The form as the page first showed it, once the page is interactive: a draft is kept only when it differs.</summary>
    private string? _untouched;

    private bool _ready;
    private bool _sessionLost;

    /// <summary>
    /// The <c>data-interactive</c> marker of a form or a control: set once the circuit is up, so that what is typed or
    /// clicked reaches the page (before that, it is lost to the render that brings the circuit).
    /// </summary>
    protected virtual string? InteractiveMarker => RendererInfo.IsInteractive ? "true" : null;

    /// <summary>The form holds what the user typed before their session was lost (the page says so until it is sent).</summary>
    protected bool DraftRestored { get; private set; }

    /// <summary>
    /// Names the page's form model (called while the page initializes): when a call finds the session lost, the model is
    /// kept, and put back with <paramref name="restore"/> when the same user is back on this page.
    /// </summary>
    protected void KeepsDraft<TForm>(Func<TForm> form, Action<TForm> restore) where TForm : class =>
        KeepsDraft(form, kept =>
        {
            restore(kept);
            return Task.CompletedTask;
        });

    /// <inheritdoc cref="KeepsDraft{TForm}(Func{TForm}, Action{TForm})"/>
    protected void KeepsDraft<TForm>(Func<TForm> form, Func<TForm, Task> restore) where TForm : class =>
        _draft = (() => JsonSerializer.Serialize(form(), DraftJson),
            json => JsonSerializer.Deserialize<TForm>(json, DraftJson) is { } kept ? restore(kept) : Task.CompletedTask);

    /// <summary>
    /// Once the page has initialized in the circuit (not while prerendering: the interactive render would start afresh),
    /// the user's draft of this page, if any, replaces what the page set up.
    /// </summary>
    public override async Task SetParametersAsync(ParameterView parameters)
    {
        await base.SetParametersAsync(parameters);
        if (_draft is not { } draft || _untouched is not null || _sessionLost || !RendererInfo.IsInteractive)
        {
            return;
        }

        _untouched = draft.Json();
        if (await Drafts.TakeAsync(await UserAsync(), DraftPlace()) is { } json)
        {
            await draft.Restore(json);
            DraftRestored = true;
            StateHasChanged();
        }

        _ready = true;
    }

    /// <summary>
    /// The call's result, or null when the session was lost: the browser is then on its way to sign-in, or to identity
    /// when this page is being signed out.
    /// </summary>
    protected async Task<ApiResult<T>?> CallAsync<T>(Func<GatewayClient, Task<ApiResult<T>>> call)
    {
        ApiResult<T> result;
        try
        {
            result = await call(Gateway);
        }
        catch (SessionLostException)
        {
            _sessionLost = true;
            if (_draft is { } draft && _untouched is not null && draft.Json() is var typed && typed != _untouched)
            {
                await Drafts.KeepAsync(await UserAsync(), DraftPlace(), typed);
            }

            var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            var signIn = $"/signin?returnUrl={Uri.EscapeDataString(here)}";
            if (!RendererInfo.IsInteractive)
            {
                Navigation.NavigateTo(signIn, forceLoad: true);
                return null;
            }

            // In the circuit, through the page's script (nav.js): it knows whether this page is being signed out, when
            // going to sign-in would cut the sign-out at identity short.
            try
            {
                await Scripts.InvokeVoidAsync("session.signInAgain", signIn);
            }
            catch (JSDisconnectedException)
            {
                // The page has gone: nothing is shown any more.
            }

            return null;
        }

        if (_ready && result.Succeeded)
        {
            DraftRestored = false;
        }

        return result;
    }

    /// <summary>
    /// Whether the call succeeded; if not, <paramref name="form"/> shows its field errors or a plain message
    /// (<see cref="FormState.Read{T}"/> with the shared words for a record that is not the user's and for a failure).
    /// </summary>
    protected bool Succeeded<T>([NotNullWhen(true)] ApiResult<T>? result, FormState form) =>
        form.Read(result, Texts["NotYours"], Texts["SomethingWentWrong"]);

    /// <summary>
    /// Adds to <paramref name="labels"/> the "building – number" of the units a list shows that it lacks: reception's
    /// lookup by id, a hundred per call, never the estate's whole list.
    /// </summary>
    protected async Task AddUnitLabelsAsync(Dictionary<Guid, string> labels, IEnumerable<Guid?> unitIds)
    {
        foreach (var (id, unit) in await UnitSearch.ByIdAsync(Gateway, unitIds.Where(u => u is { } id && !labels.ContainsKey(id))))
        {
            labels[id] = unit.Label;
        }
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await SignedInUser.GetAuthenticationStateAsync()).User;

    /// <summary>
    /// This component on this address, query included (it names the estate or the record the form is about): sign-in
    /// returns the user to the very address, and two forms on one page keep their drafts apart.
    /// </summary>
    private string DraftPlace() => $"{GetType().FullName}@/{Navigation.ToBaseRelativePath(Navigation.Uri).Split('#')[0]}";
}
