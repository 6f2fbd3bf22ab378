namespace PropertyPlatform.AppHost.Hosting;

internal static class ConnectionStringCapture
{
    /// <summary>
    /// The resource's connection string as soon as the orchestrator has resolved it, for the AppHost's own health
    /// checks and start-up steps (the way Aspire's own hosting integrations keep it).
    /// </summary>
    public static Func<string> CaptureConnectionString(this IDistributedApplicationBuilder builder, IResourceWithConnectionString resource)
    {
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, ct) =>
            connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct));
        return () => connectionString ?? throw new InvalidOperationException($"The connection string of {resource.Name} is not available yet.");
    }
}
