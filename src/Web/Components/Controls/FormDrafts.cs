using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>
/// What a user had typed into a page's form when their session was lost, kept until they are back on that page.
/// </summary>
/// <remarks>
/// Kept on the server, in the cache that holds the sessions, keyed by the user's subject and the form's page — not
/// in the browser: a front-desk computer is shared and an intake holds a resident's name and phone, which must not
/// rest in its storage; another person signing in on that browser has another subject and so never finds it; and no
/// script or data-protection key is needed to read it back. The subject, not the session, is the key because the
/// session is exactly what was lost; the user's next session has the same subject. It lives as long as the sessions
/// do: a restart of the web server loses both (the sessions are in memory too), and a shared cache would keep both.
/// A draft is taken, not read, so it is put back once and then gone; it expires unclaimed after
/// <see cref="Lifetime"/>. Only business forms register one (never a password or a one-time code).
/// </remarks>
public sealed class FormDrafts(IDistributedCache cache)
{
    /// <summary>Long enough to sign in again (a forgotten password included), short enough not to linger.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string KeyPrefix = "web-draft:";

    public Task KeepAsync(ClaimsPrincipal user, string page, string json) =>
        Key(user, page) is { } key
            ? cache.SetAsync(key, Encoding.UTF8.GetBytes(json), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime })
            : Task.CompletedTask;

    /// <summary>The user's draft of the page, removed as it is read; null when there is none.</summary>
    public async Task<string?> TakeAsync(ClaimsPrincipal user, string page)
    {
        if (Key(user, page) is not { } key || await cache.GetAsync(key) is not { } bytes)
        {
            return null;
        }

        await cache.RemoveAsync(key);
        return Encoding.UTF8.GetString(bytes);
    }

    private static string? Key(ClaimsPrincipal user, string page) =>
        user.FindFirstValue(PlatformClaims.Subject) is { Length: > 0 } subject ? $"{KeyPrefix}{subject}:{page}" : null;
}
