using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>One PostgreSQL (with a database) and one RabbitMQ for a whole test class.</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly TestState state = new();

    public DistributedApplication App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = state.CreateBuilder();
        var postgres = builder.AddPostgres("postgres");
        postgres.AddDatabase("orders-db", databaseName: "orders");
        builder.AddRabbitMQ("messaging");
        App = builder.Build();
        await App.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        state.Dispose();
    }
}

/// <summary>The PostgreSQL, RabbitMQ and dashboard tests share one set of servers (starting RabbitMQ takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class SharedInfrastructure : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "Infrastructure";
}
