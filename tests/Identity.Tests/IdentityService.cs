using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.TestSupport;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

[assembly: AssemblyFixture(typeof(PropertyPlatform.Identity.Tests.IdentityService))]

namespace PropertyPlatform.Identity.Tests;

/// <summary>
/// The identity service for this test assembly. Every test makes its own accounts (unique user names) and its own
/// "browser" with a client address of its own, so rate limits and lockouts never leak between tests.
/// </summary>
public sealed class IdentityService : ServiceUnderTest<Program>
{
    public const string Password = "Test-Pass-2026";
    public const string WebConsoleRedirectUri = "http://localhost:8080/signin-callback";
    public const string OwnerAppRedirectUri = "propertyplatform://signin-callback";

    /// <summary>Identity's own client secret in the tests: it asks itself for reception tokens.</summary>
    public const string IdentityClientSecret = "identity-test-secret";

    /// <summary>Short in the tests, so that reuse detection after it can be shown without a long wait.</summary>
    public static readonly TimeSpan RefreshTokenReuseLeeway = TimeSpan.FromSeconds(3);

    /// <summary>What would be an appsettings.Testing.json in the service: it stays out of the service's build.</summary>
    public static readonly IReadOnlyDictionary<string, string> TestSettings = new Dictionary<string, string>
    {
        ["Identity:AllowHttp"] = "true",
        ["Identity:RefreshTokenReuseLeeway"] = RefreshTokenReuseLeeway.ToString(),
        ["Identity:Clients:reception:Secret"] = "reception-test-secret",
        ["Identity:Clients:maintenance:Secret"] = "maintenance-test-secret",
        ["Identity:Clients:billing:Secret"] = "billing-test-secret",
        ["Identity:Clients:hr-training:Secret"] = "hr-training-test-secret",
        ["Identity:Clients:identity:Secret"] = IdentityClientSecret,
        ["Identity:Clients:ops-tooling:Secret"] = "ops-tooling-test-secret",
        ["Identity:Clients:web-console:RedirectUris:0"] = WebConsoleRedirectUri,
        ["Auth:Authority"] = "http://localhost/",
        ["Auth:ClientId"] = PlatformAudiences.Identity,
        ["Auth:ClientSecret"] = IdentityClientSecret,
    };

    private static int _nextAddress;

    private ReceptionRegistryStub? _registry;

    /// <summary>Reception's registry as identity sees it over gRPC; tests register the owners reception would know.</summary>
    public ReceptionRegistryStub Registry => _registry ?? throw new InvalidOperationException("Not started.");

    protected override string DatabaseConnectionName => IdentityServiceExtensions.DatabaseName;

    public override async ValueTask InitializeAsync()
    {
        _registry = await ReceptionRegistryStub.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    protected override void ConfigureService(IWebHostBuilder web)
    {
        foreach (var (key, value) in TestSettings)
        {
            web.UseSetting(key, value);
        }

        web.ConfigureTestServices(services =>
        {
            // Identity's service tokens come from itself, in process; its registry calls go to the stub.
            services.AddHttpClient("ServiceTokenProvider").ConfigurePrimaryHttpMessageHandler(() => Factory.Server.CreateHandler());
            services.AddGrpcClient<PropertyRegistry.PropertyRegistryClient>(grpc => grpc.Address = new Uri("http://reception"))
                .ConfigurePrimaryHttpMessageHandler(() => Registry.CreateHandler());
        });
    }

    public override string Audience => IdentityServiceExtensions.ServiceName;

    /// <summary>
    /// Keeps cookies, does not follow redirects, and comes (through the gateway) from an address of its own; asks for
    /// pages in <paramref name="acceptLanguage"/> when given.
    /// </summary>
    public HttpClient CreateBrowser(string? acceptLanguage = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var address = Interlocked.Increment(ref _nextAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    /// <summary>
    /// A second instance of the service, with <paramref name="configure"/> applied, for tests of its start. Its bus stays
    /// stopped: it shares the broker's queues with this instance and must not take (and drop, when disposed) their messages.
    /// </summary>
    public WebApplicationFactory<Program> Variant(Action<IWebHostBuilder> configure) => Factory.WithWebHostBuilder(web =>
    {
        configure(web);
        web.ConfigureTestServices(services => services.RemoveMassTransitHostedService());
    });

    public static string UniqueUserName(string prefix = "user") => $"{prefix}.{Guid.NewGuid():N}"[..30];

    public Task<Account> CreateAccountAsync(
        IReadOnlyList<string> roles,
        IReadOnlyList<Guid> estates,
        IReadOnlyList<Guid>? units = null,
        IReadOnlyList<string>? trades = null,
        string? phoneNumber = null,
        AccountKind kind = AccountKind.Staff) =>
        InScopeAsync(async services =>
        {
            var role = roles.Count > 0 ? roles[0] : "user";
            var account = new Account
            {
                Id = Guid.CreateVersion7(),
                UserName = UniqueUserName(role),
                DisplayName = "Test " + role,
                Kind = kind,
                Status = AccountStatus.Active,
                Roles = [.. roles],
                EstateIds = [.. estates],
                UnitIds = [.. units ?? []],
                Trades = [.. trades ?? []],
                PhoneNumber = phoneNumber,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var result = await services.GetRequiredService<UserManager<Account>>().CreateAsync(account, Password);
            result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Description)));
            return account;
        });

    public static AuthorizationCodeFlow Flow(HttpClient browser, string userName, string password = Password, params string[] scopes) =>
        new(browser, PlatformClients.WebConsole, WebConsoleRedirectUri, scopes.Length > 0 ? scopes : ["openid", "profile", "offline_access", "identity"], userName, password);

    public Task<TokenSet> SignInAsync(Account account, CancellationToken cancellationToken, params string[] scopes) =>
        Flow(CreateBrowser(), account.UserName!, Password, scopes).RunAsync(cancellationToken);

    /// <summary>A client calling identity's API with the access token of a new account holding <paramref name="roles"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(IReadOnlyList<string> roles, IReadOnlyList<Guid> estates, CancellationToken cancellationToken)
    {
        var account = await CreateAccountAsync(roles, estates);
        var tokens = await SignInAsync(account, cancellationToken);
        var client = CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }
}
