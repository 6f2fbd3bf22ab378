using System.Net.Http.Headers;
using System.Text;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Debian's RabbitMQ as an executable resource: a private node whose every file and port is its own (HOME with the
/// Erlang cookie, Mnesia and logs in the state folder, its own epmd and distribution port), on loopback only.
/// </summary>
public sealed class RabbitMQServerResource(string name, string instanceDirectory, ParameterResource password, StateFolder state)
    : ExecutableResource(name, PackageAcquirer.RabbitMQBinDirectory + "/rabbitmq-server", instanceDirectory), IResourceWithConnectionString
{
    public const string UserName = "platform";
    public const string PrimaryEndpointName = "tcp";
    public const string ManagementEndpointName = "management";

    /// <summary>
    /// The node name the AppHost used before it moved onto Aspire: Mnesia keeps its data per node name, so keeping
    /// it keeps an existing state folder's queues. Each node has its own epmd, so the name never collides.
    /// </summary>
    public const string NodeName = "rmq35672@localhost";

    private readonly List<RabbitMQUserResource> _users = [];

    /// <summary>The administrator's Basic credentials for the management API (dead letters, broker users).</summary>
    public static AuthenticationHeaderValue ManagementAuthorization(string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{password}")));

    public string InstanceDirectory => WorkingDirectory;

    /// <summary>Where the users' passwords are kept.</summary>
    internal StateFolder State { get; } = state;

    /// <summary>The users of this node (besides the administrator), created on it whenever it becomes ready.</summary>
    public IReadOnlyList<RabbitMQUserResource> Users => _users;

    internal void AddUser(RabbitMQUserResource user) => _users.Add(user);

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReference ManagementEndpoint => field ??= new(this, ManagementEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}/");
}
