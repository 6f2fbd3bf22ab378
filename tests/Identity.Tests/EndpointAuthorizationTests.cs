using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.Identity.Tests;

public sealed class EndpointAuthorizationTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What anyone may call: signing in and out, the OpenID Connect endpoints, activation, probes and docs.</summary>
    private static readonly string[] AnonymousPrefixes =
    [
        "/account/login", "/account/logout", "/connect/", "/api/identity/activation",
        "/health", "/alive", "/metrics", "/openapi", "/scalar",
    ];

    [Fact]
    public async Task Every_endpoint_outside_the_allow_list_answers_401_to_an_anonymous_caller()
    {
        var endpoints = identity.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => !AnonymousPrefixes.Any(prefix => e.Path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        endpoints.Should().Contain(e => e.Path.StartsWith("/api/identity/accounts", StringComparison.Ordinal), "the check must see the API");

        var client = identity.CreateBrowser();
        var failures = new List<string>();
        foreach (var (path, methods) in endpoints)
        {
            var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", Guid.NewGuid().ToString());
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method is "GET" or "HEAD" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                var response = await client.SendAsync(request, Ct);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{method} {url}: {(int)response.StatusCode}");
                }
            }
        }

        failures.Should().BeEmpty();
    }
}
