using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.AppHost.Hosting;

internal static class ChildResourceStates
{
    /// <summary>
    /// Aspire passes a parent's state on to its child resources only for containers: a child of an executable server
    /// (a database, a broker user) gets it here, Running once it exists on the server (so its health check runs and
    /// <c>WaitFor</c> can complete), Exited when the server stops.
    /// </summary>
    public static async Task PublishAsync(IEnumerable<IResource> children, IServiceProvider services, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var now = DateTime.UtcNow;
        foreach (var child in children)
        {
            await notifications.PublishUpdateAsync(child, snapshot => state == KnownResourceStates.Running
                ? snapshot with { State = state, StartTimeStamp = now, StopTimeStamp = null }
                : snapshot with { State = state, StopTimeStamp = now });
        }
    }
}
