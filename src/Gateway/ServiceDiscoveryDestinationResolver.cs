using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace PropertyPlatform.Gateway;

/// <summary>
/// Expands each destination named by service (<c>http://reception</c>) into the addresses service discovery
/// knows for it, and refreshes them when discovery says they changed. (Microsoft.Extensions.ServiceDiscovery.Yarp
/// does this, but the registry here does not have it.)
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var source = await resolver.GetEndpointsAsync(destination.Address, cancellationToken);
            changeTokens.Add(source.ChangeToken);
            var scheme = new Uri(destination.Address).Scheme;
            var index = 0;
            foreach (var endpoint in source.Endpoints)
            {
                var address = endpoint.EndPoint switch
                {
                    UriEndPoint uri => uri.Uri.ToString(),
                    IPEndPoint ip => $"{scheme}://{ip}",
                    DnsEndPoint dns => $"{scheme}://{dns.Host}:{dns.Port}",
                    var other => throw new InvalidOperationException($"Cannot route to endpoint '{other}' of {destination.Address}."),
                };
                resolved[$"{name}[{index++}]"] = destination with { Address = address };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }
}
