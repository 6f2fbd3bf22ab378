namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A private RabbitMQ 3.10 node with the management plugin, or an existing broker given as configuration.</summary>
public sealed class RabbitMQServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    public const string UserName = "platform";

    public override string Type => "RabbitMQ";

    public string Password { get; internal set; } = "";

    public string? ExternalConnectionString { get; internal set; }

    public bool IsExternal => ExternalConnectionString is not null;

    /// <summary>Erlang distribution port; the default (AMQP port + 20000) overflows for high ports.</summary>
    public int DistributionPort { get; internal set; }

    /// <summary>The node's own epmd, so several brokers never share one.</summary>
    public int EpmdPort { get; internal set; }

    /// <summary>First of the ports the CLI tools may use for distribution.</summary>
    public int CliDistributionPortMin { get; internal set; }

    public int CliDistributionPortMax => CliDistributionPortMin + 3;

    public string NodeName => $"rmq{GetEndpoint("tcp").Port}@localhost";

    public string GetConnectionString() =>
        ExternalConnectionString
        ?? $"amqp://{UserName}:{Uri.EscapeDataString(Password)}@127.0.0.1:{GetEndpoint("tcp").Port}/";

    /// <summary>The management UI and HTTP API (only for the private node).</summary>
    public Uri? ManagementUrl => IsExternal ? null : GetEndpoint("management").Url;
}
