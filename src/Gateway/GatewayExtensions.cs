using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using Yarp.ReverseProxy.ServiceDiscovery;
using Yarp.ReverseProxy.Transforms;

namespace PropertyPlatform.Gateway;

public sealed class GatewayOptions
{
    /// <summary>Requests a client may make per second, sustained.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a client may make in a burst above the sustained rate.</summary>
    public int Burst { get; set; } = 200;

    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;
}

public static class GatewayExtensions
{
    /// <summary>Headers only services set for each other; a client must not be able to forge them.</summary>
    public const string InternalHeaderPrefix = "X-Internal-";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Gateway").Get<GatewayOptions>() ?? new GatewayOptions();
        builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        // Signature, issuer, lifetime and an audience of one of the services; each service checks its own audience again.
        builder.AddPlatformAuthentication([.. PlatformAudiences.All]);

        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(GatewayRoutes.Routes, GatewayRoutes.Clusters)
            .AddTransforms(transforms => transforms.AddRequestTransform(context =>
            {
                var headers = context.ProxyRequest.Headers;
                foreach (var header in headers.Where(h => h.Key.StartsWith(InternalHeaderPrefix, StringComparison.OrdinalIgnoreCase)).Select(h => h.Key).ToList())
                {
                    headers.Remove(header);
                }

                // The correlation id the gateway settled on travels with the request to the service.
                var correlation = context.HttpContext.RequestServices.GetRequiredService<CorrelationContext>();
                headers.Remove(CorrelationContext.HeaderName);
                headers.TryAddWithoutValidation(CorrelationContext.HeaderName, correlation.CorrelationId.ToString());
                return ValueTask.CompletedTask;
            }))
            .AddTransforms(transforms => transforms.AddResponseTransform(context =>
            {
                // The service echoes the id too; the caller gets it once.
                var correlation = context.HttpContext.RequestServices.GetRequiredService<CorrelationContext>();
                context.HttpContext.Response.Headers[CorrelationContext.HeaderName] = correlation.CorrelationId.ToString();
                return ValueTask.CompletedTask;
            }));

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsProbe(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("probes")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = options.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    }));
            limiter.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Too many requests.", "Slow down and retry after the time in the Retry-After header.");
            };
        });

        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseInternalEndpointsOnTheirPortOnly();
        app.UseRateLimiter();
        app.Use(RefuseOversizedBodies);
        app.MapReverseProxy();
        // An API path no service answers is the gateway's 404, not a page of the web app.
        app.Map("/api/{**rest}", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A declared body over the limit is refused at once with 413 problem details; a chunked one is cut off by the
    /// server's own limit while it streams.
    /// </summary>
    private static async Task RefuseOversizedBodies(HttpContext context, RequestDelegate next)
    {
        var limit = context.RequestServices.GetRequiredService<GatewayOptions>().MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge,
                "The request body is too large.", $"At most {limit} bytes are accepted.");
            return;
        }

        await next(context);
    }

    /// <summary>Answers the gateway's own refusals as problem details, like every service's.</summary>
    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>A signed-in caller is limited by who they are (one user behind a shared NAT doesn't starve the others); others by address.</summary>
    private static string ClientKey(HttpContext context) =>
        context.User.FindFirst(PlatformClaims.Subject)?.Value is { } subject
            ? $"sub:{subject}"
            : $"ip:{context.Connection.RemoteIpAddress}";

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
