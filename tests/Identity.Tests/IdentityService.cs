using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
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

    private static int _nextAddress;

    protected override string DatabaseConnectionName => IdentityServiceExtensions.DatabaseName;

    public override string Audience => IdentityServiceExtensions.ServiceName;

    /// <summary>Keeps cookies, does not follow redirects, and comes (through the gateway) from an address of its own.</summary>
    public HttpClient CreateBrowser()
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var address = Interlocked.Increment(ref _nextAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", $"10.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");
        return client;
    }

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
