namespace PropertyPlatform.AppHost.Hosting;

public static class RabbitMQBuilderExtensions
{
    /// <summary>A private RabbitMQ node with the management UI; <c>ConnectionStrings:{name}</c> uses an existing broker instead.</summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var server = new RabbitMQServerResource(name);
        server.Endpoints.Add(new EndpointDefinition("tcp", "amqp") { RequestedPort = port });
        server.Endpoints.Add(new EndpointDefinition("management", "http"));
        return builder.AddResource(server);
    }
}
