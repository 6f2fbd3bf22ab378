using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PropertyPlatform.Gateway.Tests;

/// <summary>A real HTTP server standing in for a service behind the gateway; it records every request it gets.</summary>
public sealed class RecordingBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingBackend(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, IDictionary<string, string> Headers)> Received { get; } = new();

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<RecordingBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var backend = new RecordingBackend(app);
        app.Run(async context =>
        {
            backend.Received.Enqueue((
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            // Services echo the correlation id, as CorrelationIdMiddleware does.
            context.Response.Headers["X-Correlation-Id"] = context.Request.Headers["X-Correlation-Id"];
            await context.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
