using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The model and the environment it produces, without starting anything.</summary>
public sealed class ModelTests : IDisposable
{
    private readonly TestState state = new();

    [Fact]
    public async Task Platform_model_gives_each_service_its_database_the_broker_and_the_other_services()
    {
        var builder = state.CreateBuilder();
        PlatformModel.Configure(builder);
        await using var app = builder.Build();

        app.Resources.Select(r => r.Name).Should().Contain(
        [
            "postgres", "messaging", "gateway", "reception", "maintenance", "billing", "security-gate", "hr-training", "identity",
            "reception-db", "maintenance-db", "billing-db", "security-gate-db", "hr-training-db", "identity-db",
        ]);
        var reception = app.GetResource("reception").Environment;
        var postgresPort = app.GetEndpoint("postgres", "tcp").Port;
        reception["ConnectionStrings__reception-db"].Should().Be($"Host=127.0.0.1;Port={postgresPort};Database=reception;Username=postgres;Password=***");
        reception["ConnectionStrings__messaging"].Should().Be($"amqp://platform:***@127.0.0.1:{app.GetEndpoint("messaging", "tcp").Port}/");
        reception["services__maintenance__grpc__0"].Should().Be($"http://127.0.0.1:{app.GetEndpoint("maintenance", "grpc").Port}");
        reception["Kestrel__Endpoints__grpc__Protocols"].Should().Be("Http2");
        reception.Should().NotContainKey("ASPNETCORE_URLS");
        app.GetResource("maintenance").Environment.Should().ContainKey("services__reception__grpc__0");
        app.GetResource("security-gate").Environment["ConnectionStrings__security-gate-db"].Should().Contain("Database=security_gate;");
        var gateway = app.GetResource("gateway").Environment;
        gateway.Should().ContainKeys("services__reception__http__0", "services__identity__http__0", "services__hr-training__grpc__0");
        gateway["Kestrel__Endpoints__http__Url"].Should().StartWith("http://0.0.0.0:");
        app.GetConnectionString("billing-db").Should().NotContain("***");
    }

    [Fact]
    public async Task Ports_are_distinct()
    {
        var builder = state.CreateBuilder();
        PlatformModel.Configure(builder);
        await using var app = builder.Build();

        var ports = app.Resources.SelectMany(r => r.Endpoints).Select(e => e.Port).ToList();
        ports.Should().OnlyHaveUniqueItems().And.NotContain(0);
    }

    [Fact]
    public async Task Existing_servers_from_configuration_are_used_instead_of_private_ones()
    {
        var options = state.CreateOptions();
        options.Args =
        [
            "--ConnectionStrings:postgres=Host=db.example;Port=5433;Username=app;Password=secret",
            "--ConnectionStrings:messaging=amqp://app:secret@mq.example:5672/",
        ];
        var builder = DistributedApplication.CreateBuilder(options);
        var postgres = builder.AddPostgres("postgres");
        postgres.AddDatabase("orders-db", "orders");
        builder.AddRabbitMQ("messaging");
        await using var app = builder.Build();

        app.GetConnectionString("orders-db").Should().Be("Host=db.example;Port=5433;Username=app;Password=secret;Database=orders");
        app.GetConnectionString("messaging").Should().Be("amqp://app:secret@mq.example:5672/");
        app.Resources.OfType<PostgresServerResource>().Single().IsExternal.Should().BeTrue();
    }

    [Fact]
    public void Passwords_survive_in_the_state_folder_and_clean_wipes_them()
    {
        string BuildAndGetPassword(bool clean)
        {
            var options = state.CreateOptions();
            options.Clean = clean;
            var builder = DistributedApplication.CreateBuilder(options);
            var postgres = builder.AddPostgres("postgres");
            builder.Build();
            return postgres.Resource.Password;
        }

        var first = BuildAndGetPassword(clean: false);

        BuildAndGetPassword(clean: false).Should().Be(first);
        BuildAndGetPassword(clean: true).Should().NotBe(first);
    }

    [Fact]
    public void Secrets_are_masked_for_display()
    {
        var builder = state.CreateBuilder();
        var messaging = builder.AddRabbitMQ("messaging");
        builder.AddProject("crashy", TestProjects.CrashyApp).WithReference(messaging);
        var app = builder.Build();

        app.GetResource("crashy").Environment["ConnectionStrings__messaging"].Should().NotContain(app.Resources.OfType<RabbitMQServerResource>().Single().Password);
    }

    public void Dispose() => state.Dispose();
}
