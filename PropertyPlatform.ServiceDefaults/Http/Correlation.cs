using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PropertyPlatform.ServiceDefaults.Http;

/// <summary>The correlation id of the work in progress: from the caller's <c>X-Correlation-Id</c>, or a new one.</summary>
public sealed class CorrelationContext
{
    public const string HeaderName = "X-Correlation-Id";

    public Guid CorrelationId { get; set; } = Guid.NewGuid();
}

public static class CorrelationServiceCollectionExtensions
{
    public static IServiceCollection AddCorrelation(this IServiceCollection services)
    {
        services.AddScoped<CorrelationContext>();
        return services;
    }
}

/// <summary>
/// Takes the gateway's correlation id (or makes one), echoes it in the response, and puts it in the log
/// scope and the trace so one user action can be followed through every service.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, CorrelationContext correlation)
    {
        if (Guid.TryParse(context.Request.Headers[CorrelationContext.HeaderName], out var incoming))
        {
            correlation.CorrelationId = incoming;
        }

        var id = correlation.CorrelationId.ToString();
        context.Response.Headers[CorrelationContext.HeaderName] = id;
        Activity.Current?.SetTag("correlation.id", id);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }
}
