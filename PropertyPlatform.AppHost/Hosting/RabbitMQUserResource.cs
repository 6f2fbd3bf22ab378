namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// What a broker user may do on the virtual host, as RabbitMQ's three regular expressions over exchange and queue
/// names: configure (declare, delete), write (publish to; be the destination of a binding), read (consume from; be the
/// source of a binding).
/// </summary>
public sealed record RabbitMQPermissions(string Configure, string Write, string Read);

/// <summary>
/// A user of a <see cref="RabbitMQServerResource"/> with its own password (kept in the state folder) and permissions,
/// created on the node whenever it becomes ready. Its connection string is the node's, signed in as this user.
/// </summary>
public sealed class RabbitMQUserResource(string name, string userName, RabbitMQPermissions permissions, ParameterResource password, RabbitMQServerResource parent)
    : Resource(name), IResourceWithParent<RabbitMQServerResource>, IResourceWithConnectionString
{
    public RabbitMQServerResource Parent { get; } = parent;

    public string UserName { get; } = userName;

    public RabbitMQPermissions Permissions { get; } = permissions;

    public ParameterResource PasswordParameter { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter}@{Parent.PrimaryEndpoint.Property(EndpointProperty.Host)}:{Parent.PrimaryEndpoint.Property(EndpointProperty.Port)}/");
}
