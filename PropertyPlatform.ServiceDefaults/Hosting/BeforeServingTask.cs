using Microsoft.Extensions.Hosting;

namespace PropertyPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Work that must be finished before the service serves anything (migrations, client registrations, seeds):
/// <see cref="StartingAsync"/> runs before every hosted service starts, the web server and the outbox dispatcher
/// included, in the order the tasks were registered.
/// </summary>
public abstract class BeforeServingTask : IHostedLifecycleService
{
    public abstract Task StartingAsync(CancellationToken cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
