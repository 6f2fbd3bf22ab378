using System.Text.Json.Serialization;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every PropertyPlatform service gets, the way an Aspire ServiceDefaults project gives it:
/// telemetry, health, service discovery, resilient HTTP clients, problem details and an API reference.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";
    private const string LiveTag = "live";

    /// <summary>The log category of the HTTP clients' resilience pipeline (Polly's telemetry).</summary>
    public const string PollyLogCategory = "Polly";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        // The resilience pipeline logs two lines for every HTTP call at Information (the telemetry export's, each second,
        // among them): a service's console held little else, and a failure's last lines said nothing. Retries, timeouts
        // and open circuits are warnings and still show.
        builder.Logging.AddFilter(PollyLogCategory, LogLevel.Warning);

        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddCorrelation();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(TimeProvider.System);
        // Every service sits behind the gateway: take the caller's address, scheme and host from it (loopback proxies
        // only, by default; a deployment behind other proxies adds them to KnownNetworks).
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // Npgsql's spans and metrics come with the database (AddServiceDatabase, through Aspire's EnrichNpgsqlDbContext).
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(InstrumentationOptions.MeterName)
                .AddMeter(OutboxTelemetry.MeterName)
                .AddMeter(SlaTelemetry.MeterName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(DiagnosticHeaders.DefaultListenerName)
                .AddSource(OutboxTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes run every few seconds: keep them out of the traces.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                        && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> is readiness (every check: database, broker), <c>/alive</c> is liveness (the process answers),
    /// <c>/metrics</c> is for Prometheus, <c>/openapi/v1.json</c> and <c>/scalar</c> describe the API. Failures are problem
    /// details, or the app's <see cref="HtmlErrorPage"/> for a browser when it has one.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Services.GetService<HtmlErrorPage>() is { } errorPage)
        {
            // A fresh scope: the failed request's scoped services (a DbContext, a half-built component) may be broken.
            app.UseExceptionHandler(errorPage.Path, createScopeForErrors: true);
            // The status page is for a browser: for a program the inner (re-executing) status pages are switched off, and
            // the outer ones give its bodiless 404 or 405 problem details, as a failure gets.
            app.UseStatusCodePages();
            app.UseStatusCodePagesWithReExecute(errorPage.StatusPathFormat, createScopeForStatusCodePages: true);
            app.Use((context, next) =>
            {
                if (!HtmlErrorPage.IsWantedBy(context.Request) && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                {
                    statusPages.Enabled = false;
                }

                return next(context);
            });
        }
        else
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
        }

        app.UseMiddleware<CorrelationIdMiddleware>();
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
        {
            // After the exception handler and status-code pages, so 401/403 are problem details too.
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag),
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint().AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();

        return app;
    }
}
