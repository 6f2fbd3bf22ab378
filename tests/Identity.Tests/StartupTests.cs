using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.Identity.Hosting;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Identity.Tests;

public sealed class StartupTests(IdentityService identity)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registering_clients_again_updates_them_in_place_and_they_keep_working()
    {
        await identity.InScopeAsync(async sp => { await sp.GetRequiredService<ClientRegistration>().RegisterAsync(Ct); return 0; });

        var response = await identity.CreateBrowser().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = PlatformAudiences.Maintenance,
            ["client_secret"] = "maintenance-test-secret",
            ["scope"] = PlatformAudiences.Reception,
        }), Ct);
        Jwt.Claims((await TokenSet.ReadAsync(response, Ct)).AccessToken)["aud"].Should().Equal(PlatformAudiences.Reception);
    }

    [Fact]
    public void Key_files_are_created_private_to_the_service_and_load_the_same_key_again()
    {
        var directory = Directory.CreateTempSubdirectory("identity-keys-");
        try
        {
            var created = KeyFiles.LoadOrCreate(directory.FullName, "signing.pem");
            var loaded = KeyFiles.LoadOrCreate(directory.FullName, "signing.pem");

            loaded.KeyId.Should().Be(created.KeyId);
            File.GetUnixFileMode(Path.Combine(directory.FullName, "signing.pem")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task With_a_key_directory_the_service_signs_with_the_key_from_its_file()
    {
        var directory = Directory.CreateTempSubdirectory("identity-keys-");
        try
        {
            await using var withKeys = identity.Factory.WithWebHostBuilder(web => web.UseSetting("Identity:KeyDirectory", directory.FullName));
            using var jwks = JsonDocument.Parse(await withKeys.CreateClient().GetStringAsync("/.well-known/jwks", Ct));

            var signing = KeyFiles.LoadOrCreate(directory.FullName, "signing.pem");
            jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().Contain(signing.KeyId);
            File.Exists(Path.Combine(directory.FullName, "encryption.pem")).Should().BeTrue();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Pruning_removes_old_tokens_and_leaves_valid_refresh_tokens_working()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Cashier], [Guid.NewGuid()]);
        var tokens = await identity.SignInAsync(account, Ct);

        await identity.Services.GetServices<IHostedService>().OfType<TokenPruning>().Single().PruneAsync(Ct);

        var refreshed = await AuthorizationCodeFlow.RefreshAsync(identity.CreateBrowser(), PlatformClients.WebConsole, tokens.RefreshToken!, Ct);
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Userinfo_answers_for_the_signed_in_account()
    {
        var account = await identity.CreateAccountAsync([PlatformRoles.Trainer], [Guid.NewGuid()]);
        var tokens = await identity.SignInAsync(account, Ct, "openid", "profile");
        var client = identity.CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        using var userInfo = JsonDocument.Parse(await client.GetStringAsync("/connect/userinfo", Ct));

        userInfo.RootElement.GetProperty("sub").GetString().Should().Be(account.Id.ToString());
        (await identity.CreateBrowser().GetAsync("/connect/userinfo", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "no token at all");
    }

    [Fact]
    public async Task The_api_is_described_by_an_openapi_document_and_health_is_anonymous()
    {
        var client = identity.CreateBrowser();

        var document = await client.GetStringAsync("/openapi/v1.json", Ct);
        (await client.GetAsync("/health", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        document.Should().Contain("/api/identity/accounts").And.Contain("/api/identity/activation");
    }
}
