using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace PropertyPlatform.Identity.Hosting;

/// <summary>
/// Removes expired, redeemed and revoked tokens and authorizations (what OpenIddict.Quartz would do), every few hours,
/// once they are older than the longest-lived token, so the tables do not grow without bound.
/// </summary>
public sealed class TokenPruning(
    IServiceScopeFactory scopes, IOptions<IdentitySettings> settings, TimeProvider time, ILogger<TokenPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Pruning tokens failed; trying again in {Interval}", Interval);
            }
        }
    }

    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        var threshold = time.GetUtcNow() - settings.Value.RefreshTokenLifetime;
        await using var scope = scopes.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations", tokens, authorizations);
    }
}
