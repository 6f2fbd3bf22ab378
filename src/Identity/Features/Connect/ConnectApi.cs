using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PropertyPlatform.Identity.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PropertyPlatform.Identity.Features.Connect;

/// <summary>
/// The OpenID Connect endpoints OpenIddict passes through to us once it has validated the protocol: who signs in, with
/// which claims. Discovery and the JWKS are answered by OpenIddict itself.
/// </summary>
public static class ConnectApi
{
    private const string ServerScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").AllowAnonymous().ExcludeFromDescription();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize);
        connect.MapPost("/token", Token);
        connect.MapMethods("/logout", [HttpMethods.Get, HttpMethods.Post], Logout);
        connect.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfo);
        return app;
    }

    /// <summary>Signed in (cookie) and active: issue a code. Not signed in: the login page, then back here.</summary>
    public static async Task<IResult> Authorize(
        HttpContext http, UserManager<Account> users, IOpenIddictScopeManager scopes, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded)
        {
            var parameters = request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value));
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        // Lockout stops password guessing at the login form; it does not end a session that signed in before it.
        var account = await users.GetUserAsync(session.Principal);
        if (account is null || !account.IsActive)
        {
            return Refuse(Errors.AccessDenied, "The account cannot sign in.");
        }

        var principal = await TokenPrincipals.ForAccountAsync(account, request.GetScopes(), scopes, cancellationToken);
        return Results.SignIn(principal, authenticationScheme: ServerScheme);
    }

    /// <summary>
    /// Code and refresh token: the claims are rebuilt from the account, so a disabled account or a changed role takes
    /// effect at the next refresh (a lockout does not: it guards the password, not sessions). Client credentials: the client acts as a service.
    /// </summary>
    public static async Task<IResult> Token(
        HttpContext http, UserManager<Account> users, IOpenIddictScopeManager scopes, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var clientId = request.ClientId ?? throw new InvalidOperationException("OpenIddict authenticated the client.");
            return Results.SignIn(await TokenPrincipals.ForClientAsync(clientId, request.GetScopes(), scopes, cancellationToken), authenticationScheme: ServerScheme);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        var granted = await http.AuthenticateAsync(ServerScheme);
        var subject = granted.Principal?.GetClaim(Claims.Subject);
        var account = subject is null ? null : await users.FindByIdAsync(subject);
        // Not locked-out: someone else guessing the password must not sign the owner of the session out.
        if (granted.Principal is null || account is null || !account.IsActive)
        {
            return Refuse(Errors.InvalidGrant, "The account can no longer sign in.");
        }

        var principal = await TokenPrincipals.ForAccountAsync(account, granted.Principal.GetScopes(), scopes, cancellationToken);
        return Results.SignIn(principal, authenticationScheme: ServerScheme);
    }

    /// <summary>Ends the sign-in session and returns to the client's post-logout redirect URI.</summary>
    public static async Task<IResult> Logout(SignInManager<Account> signIn)
    {
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [ServerScheme]);
    }

    public static async Task<IResult> UserInfo(HttpContext http, UserManager<Account> users)
    {
        var granted = await http.AuthenticateAsync(ServerScheme);
        var subject = granted.Principal?.GetClaim(Claims.Subject);
        var account = subject is null ? null : await users.FindByIdAsync(subject);
        if (account is null || !account.IsActive)
        {
            return Results.Challenge(
                Properties(Errors.InvalidToken, "The account can no longer sign in."), [ServerScheme]);
        }

        return Results.Ok(new Dictionary<string, object>
        {
            [Claims.Subject] = account.Id.ToString(),
            [Claims.Name] = account.DisplayName,
            [Claims.Role] = account.Roles,
        });
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(Properties(error, description), [ServerScheme]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
