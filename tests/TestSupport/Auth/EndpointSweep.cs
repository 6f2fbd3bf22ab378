using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.TestSupport.Auth;

/// <summary>One endpoint of a service as a request a test can make: method and a concrete path.</summary>
public sealed record EndpointCall(string Method, string Path)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// Every endpoint a service maps, read from its endpoint data source (minimal APIs and gRPC alike), with each route
/// parameter filled in, so a test can call all of them, including endpoints added after the test was written.
/// </summary>
public static class EndpointSweep
{
    /// <summary>What every service serves without a token: probes, metrics and the API description.</summary>
    public static readonly string[] PublicPrefixes = ["/health", "/alive", "/metrics", "/openapi", "/scalar"];

    public static IReadOnlyList<EndpointCall> Enumerate(IServiceProvider services)
    {
        var calls = new List<EndpointCall>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1" : Guid.NewGuid().ToString(),
                _ => "",
            }))));
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            calls.AddRange(methods.Select(method => new EndpointCall(method, path)));
        }

        return [.. calls.Distinct()];
    }

    /// <summary>Calls each endpoint without a token; returns those that did not answer 401, with what they answered.</summary>
    public static async Task<IReadOnlyList<string>> AnsweredWithoutTokenAsync(
        HttpClient anonymous, IEnumerable<EndpointCall> calls, CancellationToken cancellationToken)
    {
        var open = new List<string>();
        foreach (var call in calls)
        {
            using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
            if (call.Method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await anonymous.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                open.Add($"{call} → {(int)response.StatusCode}");
            }
        }

        return open;
    }
}
