using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Seed;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Identity.Hosting;

/// <summary>
/// Registers scopes and clients (and, in Development, the demo accounts) before the service serves. It runs in
/// <see cref="StartingAsync"/>, after the database migrator that was registered before it.
/// </summary>
internal sealed class IdentityStartup(IServiceScopeFactory scopes, IOptions<IdentitySettings> settings) : BeforeServingTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Instances starting together (replicas, or test hosts on one database) updated the same scopes and clients at
        // once, and one of them failed to start on OpenIddict's concurrency token (CI: "The scope was concurrently
        // updated"). One at a time: a session lock on the connection that the registration and the seeding use (the
        // managers' stores share this scope's context).
        var database = scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock(hashtextextended('identity-startup', 0))", cancellationToken);
            var done = false;
            try
            {
                await scope.ServiceProvider.GetRequiredService<ClientRegistration>().RegisterAsync(cancellationToken);
                if (settings.Value.SeedDemoData)
                {
                    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
                }

                done = true;
            }
            finally
            {
                try
                {
                    await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock(hashtextextended('identity-startup', 0))", CancellationToken.None);
                }
                catch (Exception) when (!done)
                {
                    // The registration's own failure is the one to report (the unlock fails with it when the connection
                    // broke, and then the lock ended with the session).
                }
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }
}
