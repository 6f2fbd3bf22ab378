using Microsoft.Extensions.Options;
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
        await scope.ServiceProvider.GetRequiredService<ClientRegistration>().RegisterAsync(cancellationToken);
        if (settings.Value.SeedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }
}
