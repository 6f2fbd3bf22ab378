using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace PropertyPlatform.TestSupport.Auth;

/// <summary>The tokens a client gets from the token endpoint.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdentityToken)
{
    /// <summary>Reads a successful token response; anything else fails with the server's answer in the message.</summary>
    public static async Task<TokenSet> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Token request failed ({(int)response.StatusCode}): {body}");
        }

        using var json = JsonDocument.Parse(body);
        string? Read(string name) => json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new TokenSet(Read("access_token")!, Read("refresh_token"), Read("id_token"));
    }
}

/// <summary>What the authorization endpoint handed back to the redirect URI, and the PKCE verifier that goes with it.</summary>
public sealed record AuthorizationGrant(string Code, string CodeVerifier);

/// <summary>
/// The real authorization code flow with PKCE (S256), as a browser and a public client run it: authorize → login page
/// (antiforgery token from the form) → credentials → back to authorize → code at the redirect URI → token endpoint.
/// The <see cref="HttpClient"/> must keep cookies and must not follow redirects.
/// </summary>
public sealed partial class AuthorizationCodeFlow(
    HttpClient client, string clientId, string redirectUri, IEnumerable<string> scopes, string userName, string password)
{
    public const string LoginPath = "/account/login";

    /// <summary>Signs in and redeems the code: the tokens.</summary>
    public async Task<TokenSet> RunAsync(CancellationToken cancellationToken)
    {
        var grant = await AuthorizeAsync(cancellationToken);
        return await TokenSet.ReadAsync(await RedeemAsync(grant.Code, grant.CodeVerifier, cancellationToken), cancellationToken);
    }

    /// <summary>Up to the code at the redirect URI; fails with the server's error or the login page's message.</summary>
    public async Task<AuthorizationGrant> AuthorizeAsync(CancellationToken cancellationToken)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = string.Join(' ', scopes),
            ["state"] = state,
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });

        var location = RedirectTarget(await client.GetAsync(authorize, cancellationToken), "the authorization endpoint");
        if (location.AbsolutePath.Equals(LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            var login = await SubmitLoginAsync(client, location.PathAndQuery, userName, password, cancellationToken);
            var back = RedirectTarget(login, "the login form");
            location = RedirectTarget(await client.GetAsync(back.PathAndQuery, cancellationToken), "the authorization endpoint after login");
        }

        if (!location.ToString().StartsWith(redirectUri, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected a redirect to {redirectUri}, got {location}.");
        }

        var query = QueryHelpers.ParseQuery(location.Query);
        if (query.TryGetValue("error", out var error))
        {
            throw new InvalidOperationException($"Authorization refused: {error} {query.GetValueOrDefault("error_description")}");
        }

        if (query.GetValueOrDefault("state").ToString() != state)
        {
            throw new InvalidOperationException("The state came back changed.");
        }

        return new AuthorizationGrant(query["code"].ToString(), verifier);
    }

    /// <summary>The token request for a code; leave out <paramref name="codeVerifier"/> to see PKCE enforced.</summary>
    public Task<HttpResponseMessage> RedeemAsync(string code, string? codeVerifier, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
        };
        if (codeVerifier is not null)
        {
            form["code_verifier"] = codeVerifier;
        }

        return client.PostAsync("/connect/token", new FormUrlEncodedContent(form), cancellationToken);
    }

    public static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string clientId, string refreshToken, CancellationToken cancellationToken) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
        }), cancellationToken);

    /// <summary>Opens the login page at <paramref name="loginUrl"/>, and posts its form with the credentials.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(
        HttpClient client, string loginUrl, string userName, string password, CancellationToken cancellationToken)
    {
        var page = await client.GetStringAsync(loginUrl, cancellationToken);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenField(page, "__RequestVerificationToken"),
            ["ReturnUrl"] = HiddenField(page, "ReturnUrl"),
            ["UserName"] = userName,
            ["Password"] = password,
        };
        return await client.PostAsync(LoginPath, new FormUrlEncodedContent(form), cancellationToken);
    }

    private static string HiddenField(string page, string name)
    {
        var match = HiddenInput().Matches(page).FirstOrDefault(m => m.Groups["name"].Value == name)
            ?? throw new InvalidOperationException($"The login page has no hidden field {name}.");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    private Uri RedirectTarget(HttpResponseMessage response, string from)
    {
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb)
            || response.Headers.Location is null)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var message = LoginError().Match(body) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : body;
            throw new InvalidOperationException($"Expected a redirect from {from}, got {(int)response.StatusCode}: {message}");
        }

        var location = response.Headers.Location;
        return location.IsAbsoluteUri ? location : new Uri(client.BaseAddress!, location);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<input name=\"(?<name>[^\"]+)\" type=\"hidden\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("role=\"alert\">([^<]*)<")]
    private static partial Regex LoginError();
}

/// <summary>Reads a JWT's payload (no validation: the service under test validates; the test looks at the claims).</summary>
public static class Jwt
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Convert.FromBase64String(payload));
        return json.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => (IReadOnlyList<string>)(p.Value.ValueKind == JsonValueKind.Array
                ? [.. p.Value.EnumerateArray().Select(Text)]
                : [Text(p.Value)]));
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
