using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PropertyPlatform.EndToEndTests;

/// <summary>
/// An OTLP/HTTP receiver in place of the dashboard's: keeps every export (traces, logs, metrics) the services send.
/// OTLP's protobuf carries strings as plain UTF-8, so a phone number in any span attribute or log body is found by
/// searching the raw bytes.
/// </summary>
public sealed class OtlpCapture : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private WebApplication? _receiver;

    public string Endpoint { get; private set; } = "";

    /// <summary>How many exports arrived per signal (traces, logs, metrics).</summary>
    public IReadOnlyDictionary<string, int> Counts => _exports.GroupBy(e => e.Signal).ToDictionary(g => g.Key, g => g.Count());

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _exports.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        Endpoint = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    /// <summary>The exports (signal and size) that contain <paramref name="text"/> anywhere.</summary>
    public IReadOnlyList<string> ExportsContaining(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return [.. _exports.Where(e => e.Body.AsSpan().IndexOf(needle) >= 0).Select(e => $"{e.Signal} ({e.Body.Length} bytes)")];
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }
}
