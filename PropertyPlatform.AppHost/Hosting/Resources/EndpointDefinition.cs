namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A port a resource listens on; the port is allocated when the application is built.</summary>
public sealed class EndpointDefinition(string name, string scheme)
{
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    /// <summary>The port asked for in the model; null lets the host choose.</summary>
    public int? RequestedPort { get; init; }

    /// <summary>The public entry of the system: bound on every interface, not only loopback.</summary>
    public bool IsExternal { get; init; }

    /// <summary>gRPC without TLS needs an endpoint that speaks HTTP/2 only (prior knowledge).</summary>
    public bool Http2Only { get; init; }

    /// <summary>Set by the builder; 0 until then.</summary>
    public int Port { get; internal set; }

    public Uri Url => new($"{Scheme}://127.0.0.1:{Port}");

    /// <summary>The URL as Aspire writes it into <c>services__name__endpoint__0</c> (no trailing slash).</summary>
    public string UrlString => $"{Scheme}://127.0.0.1:{Port}";
}
