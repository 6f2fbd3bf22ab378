using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.Identity.Features.Login;

/// <summary>
/// Failed sign-ins for names that have no account, counted and locked exactly as ASP.NET Identity locks a real account
/// (same number of failures, same lockout time), so that "locked" does not tell a guesser that the account exists. Kept
/// in memory and bounded: a name only has to look like an account for as long as someone keeps trying it.
/// </summary>
public sealed class UnknownNameLockout(IOptions<IdentityOptions> identityOptions, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);
    private readonly MemoryCache _names = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>When the name's lockout ends, as a real account's <c>LockoutEnd</c>; null when it is not locked out.</summary>
    public DateTimeOffset? LockedUntil(string normalizedName) =>
        _names.TryGetValue(normalizedName, out Failures? failures) ? failures!.LockedUntil(time.GetUtcNow()) : null;

    /// <summary>Counts a failed attempt; returns when the name's lockout ends if it is now locked out, as a real account would be.</summary>
    public DateTimeOffset? Fail(string normalizedName)
    {
        var lockout = identityOptions.Value.Lockout;
        var failures = _names.GetOrCreate(normalizedName, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Forget;
            return new Failures();
        })!;
        return failures.Add(time.GetUtcNow(), lockout.MaxFailedAccessAttempts, lockout.DefaultLockoutTimeSpan);
    }

    public void Dispose() => _names.Dispose();

    private sealed class Failures
    {
        private readonly Lock _gate = new();
        private int _count;
        private DateTimeOffset _lockedUntil;

        public DateTimeOffset? LockedUntil(DateTimeOffset now)
        {
            lock (_gate)
            {
                return _lockedUntil > now ? _lockedUntil : null;
            }
        }

        public DateTimeOffset? Add(DateTimeOffset now, int maxFailures, TimeSpan lockoutTime)
        {
            lock (_gate)
            {
                if (_lockedUntil > now)
                {
                    return _lockedUntil;
                }

                // Like AccessFailedAsync: the count starts again once the lockout begins.
                if (++_count < maxFailures)
                {
                    return null;
                }

                _count = 0;
                _lockedUntil = now + lockoutTime;
                return _lockedUntil;
            }
        }
    }
}
