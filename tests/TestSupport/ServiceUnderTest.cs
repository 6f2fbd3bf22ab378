using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.TestSupport.Auth;
using Xunit;

namespace PropertyPlatform.TestSupport;

/// <summary>
/// One service, in process, against a real PostgreSQL database of its own and the real broker: the shape of
/// every service integration test. Configuration arrives exactly as the AppHost would give it.
/// </summary>
public abstract class ServiceUnderTest<TProgram> : IAsyncLifetime where TProgram : class
{
    private PlatformInfrastructure? _infrastructure;
    private WebApplicationFactory<TProgram>? _factory;
    private DatabaseStallWatch? _stalls;

    /// <summary>The connection name the service reads its database from, e.g. <c>reception-db</c>.</summary>
    protected abstract string DatabaseConnectionName { get; }

    /// <summary>The audience the service accepts tokens for (its own name).</summary>
    public abstract string Audience { get; }

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>
    /// The service's test settings, supplied by the test project: a service ships no Testing settings of its own (they
    /// would hold known secrets in every build).
    /// </summary>
    protected virtual void ConfigureService(IWebHostBuilder web)
    {
    }

    public string MessagingConnectionString { get; private set; } = "";

    /// <summary>Watches the service's database for transactions open longer than 20 s, to explain a test's database timeout.</summary>
    public DatabaseStallWatch Stalls => _stalls ?? throw new InvalidOperationException("Not started.");

    public IServiceProvider Services => Factory.Services;

    /// <summary>The service's own bus: what a test publishes here travels through the real broker.</summary>
    public IBus Bus => Services.GetRequiredService<IBus>();

    public WebApplicationFactory<TProgram> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    /// <summary>Whether the service sends mail in these tests: then a real mail catcher runs too (<see cref="MailInbox"/>).</summary>
    protected virtual bool SendsMail => false;

    /// <summary>The mail catcher's web inbox and API, when <see cref="SendsMail"/>.</summary>
    public Uri? MailInbox => _infrastructure?.MailInbox;

    public virtual async ValueTask InitializeAsync()
    {
        _infrastructure = await PlatformInfrastructure.StartAsync(postgres: true, rabbitMq: true, mail: SendsMail);
        DatabaseConnectionString = await _infrastructure.CreateDatabaseAsync(DatabaseConnectionName.Replace("-", "_", StringComparison.Ordinal));
        _stalls = new DatabaseStallWatch(DatabaseConnectionString, TimeSpan.FromSeconds(20));
        var messaging = MessagingConnectionString = _infrastructure.RabbitMqConnectionString!;
        _factory = new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting($"ConnectionStrings:{DatabaseConnectionName}", DatabaseConnectionString);
            web.UseSetting("ConnectionStrings:messaging", messaging);
            if (_infrastructure.MailConnectionString is { } mail)
            {
                web.UseSetting("ConnectionStrings:mail", mail);
            }
            // Tokens minted by TestTokens stand in for identity's: the service validates them exactly as it would real ones.
            web.ConfigureTestServices(services => services.Configure<JwtBearerOptions>(
                JwtBearerDefaults.AuthenticationScheme, options => options.Configuration = TestTokens.Configuration));
            ConfigureService(web);
        });

        // Starts the host: migrations, the bus and the outbox dispatcher.
        _ = _factory.Server;
        await WaitForBusAsync();
    }

    /// <summary>A client without a token.</summary>
    public HttpClient CreateClient() => Factory.CreateClient();

    /// <summary>A client calling as <paramref name="caller"/>, with a token for this service's audience.</summary>
    public HttpClient CreateClient(TestCaller caller)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(caller, Audience));
        return client;
    }

    /// <summary>Runs <paramref name="action"/> with a fresh scope of the service (its DbContext, its services).</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task WaitForBusAsync()
    {
        var busControl = Services.GetRequiredService<IBusControl>();
        await Eventually.Async(
            () => busControl.CheckHealth().Status == BusHealthStatus.Healthy,
            TimeSpan.FromSeconds(60),
            "the service's consumers should be listening on the broker");
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_stalls is not null)
        {
            await _stalls.DisposeAsync();
        }

        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
