using System.Net;
using System.Reflection;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// A garbled id in a page's query (<c>?estate=zzz</c>) is the web's not-found page, or, for an id that only preselects,
/// the page without it; never Blazor's 500. Every page that takes an id from its query is found by reflection, so a new
/// one is covered too. The web runs in process, signed in as someone with every role.
/// </summary>
public sealed partial class GarbledQueryIdTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebApplicationFactory<Program> _web = null!;
    private HttpClient _client = null!;

    /// <summary>Every routable page and each id it takes from its query.</summary>
    public static TheoryData<string, string> PageIds()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract))
        {
            if (page.GetCustomAttributes<RouteAttribute>().FirstOrDefault() is not { } route)
            {
                continue;
            }

            foreach (var id in GarbledQueryIds.Of(page))
            {
                data.Add(route.Template, id.Name);
            }
        }

        return data;
    }

    [Fact]
    public void The_pages_with_ids_in_their_query_are_found()
    {
        var found = PageIds().Select(row => $"{row.Data.Item1}?{row.Data.Item2}").ToList();

        found.Should().Contain(["/desk/keys?key", "/desk/keys?estate", "/manager/kpis/records?estate", "/owner/report?unit",
            "/supervisor/callback-approvals?approval", "/dispatch?workOrder", "/desk/callbacks?callback", "/cashier/day?estate"]);
    }

    [Theory]
    [MemberData(nameof(PageIds))]
    public async Task A_garbled_id_is_the_not_found_page_or_left_out(string route, string name)
    {
        var page = Address(route);
        var response = await GetAsync($"{page}?{name}=zzz&other=1");

        if (IsPreselection(route, name))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.OriginalString.Should().Be($"{page}?other=1");
        }
        else
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("Page not found");
        }
    }

    [Fact]
    public void A_well_formed_or_empty_id_is_not_garbled()
    {
        var page = typeof(Components.Pages.Desk.Keys.KeyRegister);
        GarbledQueryIds.In(page, Query(("key", Guid.CreateVersion7().ToString()), ("estate", ""))).Should().BeEmpty();
        GarbledQueryIds.In(page, Query(("KEY", "{not-a-guid}"))).Should().ContainSingle().Which.Name.Should().Be("key");
    }

    private static Microsoft.AspNetCore.Http.QueryCollection Query(params (string Name, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Name, p => new StringValues(p.Value), StringComparer.OrdinalIgnoreCase));

    private static bool IsPreselection(string route, string name) => GarbledQueryIds.Of(
        typeof(Program).Assembly.GetTypes().Single(t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == route)))
        .Single(id => id.Name == name).Preselects;

    /// <summary>The page's address, its route values (an id, a number) filled in.</summary>
    private static string Address(string route) =>
        RouteValue().Replace(route, m => m.Groups["type"].Value == "int" ? "1" : "0197a000-0000-7000-8000-000000000001");

    [GeneratedRegex(@"\{\w+(:(?<type>\w+))?\??\}")]
    private static partial Regex RouteValue();

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await _client.SendAsync(request, Ct);
    }

    public ValueTask InitializeAsync()
    {
        _web = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, EveryRole>(EveryRole.SchemeName, null);
                services.PostConfigure<AuthenticationOptions>(auth =>
                    auth.DefaultScheme = auth.DefaultAuthenticateScheme = auth.DefaultChallengeScheme = EveryRole.SchemeName);
                // Sign-in at identity is never reached; its handler only has to be valid.
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
                    oidc => oidc.Configuration = new OpenIdConnectConfiguration());
            });
        });
        _client = _web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _web.DisposeAsync();
    }

    /// <summary>Someone with every role a person can hold, in one estate.</summary>
    private sealed class EveryRole(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "EveryRole";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            Claim[] claims =
            [
                new(PlatformClaims.Subject, "tester"), new(PlatformClaims.Name, "tester"),
                new(PlatformClaims.Estate, "0197a000-0000-7000-8000-000000000001"),
                .. PlatformRoles.People.Select(role => new Claim(PlatformClaims.Role, role)),
            ];
            var user = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, PlatformClaims.Name, PlatformClaims.Role));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName)));
        }
    }
}
