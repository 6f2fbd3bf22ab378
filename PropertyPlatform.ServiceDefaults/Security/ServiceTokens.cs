using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>This service's own credentials at identity (client credentials grant).</summary>
public sealed class ServiceClientOptions
{
    /// <summary>identity's internal address (<c>Auth:Authority</c>).</summary>
    public required Uri Authority { get; init; }

    /// <summary><c>Auth:ClientId</c>: the service's name.</summary>
    public required string ClientId { get; init; }

    /// <summary><c>Auth:ClientSecret</c>, given by the AppHost (or a secret store).</summary>
    public required string ClientSecret { get; init; }
}

/// <summary>
/// Client-credentials access tokens for calling another service, one per audience, cached until a minute before
/// they expire. Thread-safe; concurrent callers of an expired audience share one token request.
/// </summary>
public sealed class ServiceTokenProvider(HttpClient http, ServiceClientOptions options, TimeProvider time)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Lazy<Task<(string Token, DateTimeOffset ExpiresAt)>>> _tokens = new(StringComparer.Ordinal);

    public async Task<string> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var cached = _tokens.GetOrAdd(audience, a => new Lazy<Task<(string, DateTimeOffset)>>(() => RequestAsync(a, cancellationToken)));
        try
        {
            var (token, expiresAt) = await cached.Value;
            if (expiresAt - time.GetUtcNow() > RenewBefore)
            {
                return token;
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed request is not cached: the next call asks again.
        }

        var renewed = new Lazy<Task<(string, DateTimeOffset)>>(() => RequestAsync(audience, cancellationToken));
        var winner = _tokens.AddOrUpdate(audience, renewed, (_, current) => ReferenceEquals(current, cached) ? renewed : current);
        return (await winner.Value).Token;
    }

    private async Task<(string, DateTimeOffset)> RequestAsync(string audience, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Authority, "connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId,
                ["client_secret"] = options.ClientSecret,
                ["scope"] = audience,
            }),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"identity refused a token for audience '{audience}' to client '{options.ClientId}': {(int)response.StatusCode}", null, response.StatusCode);
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new HttpRequestException("identity answered an empty token response.");
        return (body.AccessToken, time.GetUtcNow().AddSeconds(body.ExpiresIn));
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>Puts this service's token for <paramref name="audience"/> on every outgoing call (HTTP or gRPC).</summary>
public sealed class ServiceTokenHandler(ServiceTokenProvider tokens, string audience) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(audience, cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}

public static class ServiceTokenExtensions
{
    /// <summary>
    /// Calls made with this client (e.g. <c>services.AddGrpcClient&lt;PropertyRegistryClient&gt;(...).WithServiceToken("reception")</c>)
    /// carry this service's client-credentials token for <paramref name="audience"/>; the callee refuses any other audience.
    /// </summary>
    public static IHttpClientBuilder WithServiceToken(this IHttpClientBuilder client, string audience)
    {
        var services = client.Services;
        services.AddHttpClient(nameof(ServiceTokenProvider));
        services.TryAddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>().GetSection("Auth");
            return new ServiceTokenProvider(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ServiceTokenProvider)),
                new ServiceClientOptions
                {
                    Authority = new Uri((configuration["Authority"] ?? "http://identity").TrimEnd('/') + "/"),
                    ClientId = configuration["ClientId"]
                        ?? throw new InvalidOperationException("Auth:ClientId is missing: set Auth__ClientId (the AppHost does this)."),
                    ClientSecret = configuration["ClientSecret"]
                        ?? throw new InvalidOperationException("Auth:ClientSecret is missing: set Auth__ClientSecret (the AppHost does this)."),
                },
                sp.GetRequiredService<TimeProvider>());
        });
        return client.AddHttpMessageHandler(sp => new ServiceTokenHandler(sp.GetRequiredService<ServiceTokenProvider>(), audience));
    }
}
