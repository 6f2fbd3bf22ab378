using Microsoft.Extensions.Options;
using PropertyPlatform.Identity.Seed;

namespace PropertyPlatform.Identity.Hosting;

/// <summary>
/// Registers scopes and clients (and, in Development, the demo accounts) before the service serves. It runs in
/// <see cref="StartingAsync"/>, after the database migrator that was registered before it.
/// </summary>
internal sealed class IdentityStartup(IServiceScopeFactory scopes, IOptions<IdentitySettings> settings) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ClientRegistration>().RegisterAsync(cancellationToken);
        if (settings.Value.SeedDemoData)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
