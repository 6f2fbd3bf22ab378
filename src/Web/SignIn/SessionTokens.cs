using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.Web.SignIn;

/// <summary>
/// The user's access token, from their server-side session; renewed with the refresh token shortly before it expires
/// (identity rotates the refresh token, so the new one replaces the old in the session).
/// </summary>
public sealed class SessionTokens(
    ITicketStore sessions,
    IOptionsMonitor<OpenIdConnectOptions> oidc,
    IOptions<WebSettings> settings,
    TimeProvider time,
    ILogger<SessionTokens> logger)
{
    private const string AccessToken = "access_token";
    private const string RefreshToken = "refresh_token";
    private const string ExpiresAt = "expires_at";

    // One refresh at a time: two requests of one session must not both redeem its refresh token. Refreshes are rare
    // (one per user per access-token lifetime), so one lock for all sessions costs nothing worth a lock per session.
    private static readonly SemaphoreSlim Refreshing = new(1, 1);

    public async Task<string> AccessTokenAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var key = user.FindFirstValue(ServerTicketStore.SessionClaim) ?? throw new SessionLostException("Not signed in.");
        var ticket = await sessions.RetrieveAsync(key, cancellationToken) ?? throw new SessionLostException("The session has ended.");
        if (Fresh(ticket) is { } token)
        {
            return token;
        }

        await Refreshing.WaitAsync(cancellationToken);
        try
        {
            // Another request of this session may have refreshed it while this one waited.
            ticket = await sessions.RetrieveAsync(key, cancellationToken) ?? throw new SessionLostException("The session has ended.");
            if (Fresh(ticket) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var refreshed = await RefreshAsync(ticket.Properties.GetTokenValue(RefreshToken), cancellationToken);
            if (refreshed is null)
            {
                await sessions.RemoveAsync(key, cancellationToken);
                throw new SessionLostException("Identity refused to renew the session.");
            }

            ticket.Properties.UpdateTokenValue(AccessToken, refreshed.AccessToken);
            ticket.Properties.UpdateTokenValue(RefreshToken, refreshed.RefreshToken ?? ticket.Properties.GetTokenValue(RefreshToken)!);
            ticket.Properties.UpdateTokenValue(ExpiresAt,
                time.GetUtcNow().AddSeconds(refreshed.ExpiresIn).ToString("o", CultureInfo.InvariantCulture));
            await sessions.RenewAsync(key, ticket, cancellationToken);
            return refreshed.AccessToken;
        }
        finally
        {
            Refreshing.Release();
        }
    }

    private string? Fresh(AuthenticationTicket ticket)
    {
        var token = ticket.Properties.GetTokenValue(AccessToken);
        var expiresAt = DateTimeOffset.TryParse(ticket.Properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        return token is not null && expiresAt - settings.Value.RefreshBeforeExpiry > time.GetUtcNow() ? token : null;
    }

    private async Task<TokenResponse?> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return null;
        }

        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = options.ClientId!,
            ["client_secret"] = options.ClientSecret ?? "",
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogInformation("Identity refused to refresh a session's access token ({Status})", (int)response.StatusCode);
            return null;
        }

        return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
