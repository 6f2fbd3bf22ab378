using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
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
            await using var withKeys = identity.Variant(web => web.UseSetting("Identity:KeyDirectory", directory.FullName));
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

    /// <summary>
    /// Starts identity as Production would run it: persisted keys, a fixed issuer, HTTPS only, no demo data; then
    /// <paramref name="misconfigure"/> spoils one of them. Returns what the start threw, or null when it started.
    /// </summary>
    private async Task<Exception?> StartInProductionAsync(Action<IWebHostBuilder, DirectoryInfo> misconfigure)
    {
        var keys = Directory.CreateTempSubdirectory("identity-keys-");
        var contentRoot = Directory.CreateTempSubdirectory("identity-content-");
        // The service's own appsettings.json (client audiences...): the production start registers clients in the shared database.
        var serviceContentRoot = identity.Services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        File.Copy(Path.Combine(serviceContentRoot, "appsettings.json"), Path.Combine(contentRoot.FullName, "appsettings.json"));
        try
        {
            await using var production = identity.Variant(web =>
            {
                web.UseEnvironment("Production");
                web.UseContentRoot(contentRoot.FullName);
                web.UseSetting("Identity:AllowHttp", "false");
                web.UseSetting("Identity:Issuer", "https://platform.example/");
                web.UseSetting("Identity:KeyDirectory", keys.FullName);
                misconfigure(web, contentRoot);
            });
            try
            {
                _ = production.Server;
                return null;
            }
            catch (Exception exception)
            {
                return exception;
            }
        }
        finally
        {
            keys.Delete(recursive: true);
            contentRoot.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Production_starts_with_persisted_keys_a_fixed_issuer_and_no_development_switches()
    {
        (await StartInProductionAsync((_, _) => { })).Should().BeNull();
    }

    [Fact]
    public async Task Instances_starting_together_all_start()
    {
        // Replicas of identity start at the same time and each brings the same scopes and clients in line with its
        // configuration: none may fail on another's update (CI: "The scope was concurrently updated").
        for (var round = 0; round < 3; round++)
        {
            var started = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => StartInProductionAsync((_, _) => { }))));
            started.Should().AllSatisfy(failure => failure.Should().BeNull());
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_with_ephemeral_signing_keys()
    {
        var refused = await StartInProductionAsync((web, _) => web.UseSetting("Identity:KeyDirectory", ""));

        refused.Should().NotBeNull("signing keys made afresh at every start invalidate every token at a restart");
        refused!.ToString().Should().Contain("Identity:KeyDirectory");
    }

    [Fact]
    public async Task Production_refuses_to_start_with_an_issuer_taken_from_the_request()
    {
        var refused = await StartInProductionAsync((web, _) => web.UseSetting("Identity:Issuer", ""));

        refused.Should().NotBeNull("a Host header must not choose the issuer of the tokens");
        refused!.ToString().Should().Contain("Identity:Issuer");
    }

    [Fact]
    public async Task Production_refuses_to_start_with_data_protection_keys_that_are_not_persisted()
    {
        var refused = await StartInProductionAsync((web, _) => web.ConfigureTestServices(services =>
            services.Configure<KeyManagementOptions>(options => options.XmlRepository = null)));

        refused.Should().NotBeNull("sign-in cookies and antiforgery tokens must survive a restart");
        refused!.ToString().Should().Contain("data-protection keys");
    }

    [Theory]
    [InlineData("Identity:SeedDemoData")]
    [InlineData("Identity:AllowHttp")]
    public async Task Production_refuses_to_start_with_a_development_switch_on(string setting)
    {
        var refused = await StartInProductionAsync((web, _) => web.UseSetting(setting, "true"));

        refused.Should().NotBeNull();
        refused!.ToString().Should().Contain(setting);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_the_Testing_settings_beside_it()
    {
        var refused = await StartInProductionAsync((_, contentRoot) =>
            File.WriteAllText(Path.Combine(contentRoot.FullName, "appsettings.Testing.json"), """{ "Identity": { "Clients": {} } }"""));

        refused.Should().NotBeNull("the Testing settings hold secrets everyone knows");
        refused!.ToString().Should().Contain("appsettings.Testing.json");
    }

    [Fact]
    public void The_Testing_settings_are_not_in_the_build_output()
    {
        File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.Testing.json")).Should().BeFalse(
            "the service's build and publish output must not carry settings with known secrets");
    }
}
