using Yarp.ReverseProxy.Configuration;

namespace PropertyPlatform.Gateway;

/// <summary>
/// The public surface: <c>/api/&lt;service&gt;/**</c> goes to that service, unchanged. Destinations are the
/// service names, resolved by service discovery (<c>services__&lt;name&gt;__http__0</c>), never hard-coded URLs.
/// </summary>
public static class GatewayRoutes
{
    public static readonly IReadOnlyList<string> Services =
        ["reception", "maintenance", "billing", "security-gate", "hr-training", "identity"];

    public static IReadOnlyList<RouteConfig> Routes { get; } = Services
        .Select(service => new RouteConfig
        {
            RouteId = service,
            ClusterId = service,
            Match = new RouteMatch { Path = $"/api/{service}/{{**rest}}" },
        })
        .ToList();

    public static IReadOnlyList<ClusterConfig> Clusters { get; } = Services
        .Select(service => new ClusterConfig
        {
            ClusterId = service,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                [service] = new() { Address = $"http://{service}" },
            },
        })
        .ToList();
}
