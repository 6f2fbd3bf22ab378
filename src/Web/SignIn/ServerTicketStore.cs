using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.Web.SignIn;

/// <summary>
/// Keeps each signed-in session (the user and their tokens) on the server, so the browser's cookie holds only a random
/// session key. The key is also a claim of the session's principal: the token service finds the session from it, in a
/// request and in an interactive circuit alike.
/// </summary>
public sealed class ServerTicketStore(IDistributedCache cache, IOptions<WebSettings> settings) : ITicketStore
{
    public const string SessionClaim = "web_session";

    private const string KeyPrefix = "web-session:";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = RandomNumberGenerator.GetHexString(64, lowercase: true);
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionClaim, key));
        }

        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        cache.SetAsync(KeyPrefix + key, TicketSerializer.Default.Serialize(ticket), new DistributedCacheEntryOptions
        {
            SlidingExpiration = settings.Value.SessionIdleTimeout,
            AbsoluteExpiration = ticket.Properties.ExpiresUtc,
        });

    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await cache.GetAsync(KeyPrefix + key) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key) => cache.RemoveAsync(KeyPrefix + key);
}

/// <summary>Registers <see cref="ServerTicketStore"/> as the cookie's session store.</summary>
internal sealed class UseServerTicketStore(ITicketStore store) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.SessionStore = store;
}
