using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Tests;

/// <summary>The session's tokens stay on the server; the access token is renewed shortly before it expires, and the rotated refresh token kept.</summary>
public sealed class SessionTokensTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly TokenEndpoint _identity = new();
    private readonly ServerTicketStore _sessions;
    private readonly SessionTokens _tokens;

    public SessionTokensTests()
    {
        var settings = Options.Create(new WebSettings { ClientId = "web", ClientSecret = "secret" });
        _sessions = new ServerTicketStore(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), settings);
        var oidc = new OpenIdConnectOptions
        {
            ClientId = "web",
            ClientSecret = "secret",
            Backchannel = new HttpClient(_identity),
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(
                new OpenIdConnectConfiguration { TokenEndpoint = "http://identity.test/connect/token" }),
        };
        _tokens = new SessionTokens(_sessions, new FixedOptions(oidc), settings, _time, NullLogger<SessionTokens>.Instance);
    }

    private async Task<ClaimsPrincipal> SignedInAsync(TimeSpan accessTokenLeft)
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = "access_token", Value = "first-access" },
            new AuthenticationToken { Name = "refresh_token", Value = "first-refresh" },
            new AuthenticationToken { Name = "expires_at", Value = _time.GetUtcNow().Add(accessTokenLeft).ToString("o", System.Globalization.CultureInfo.InvariantCulture) },
        ]);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "clerk")], "test")), properties, "Cookies");
        await _sessions.StoreAsync(ticket);
        return ticket.Principal;
    }

    [Fact]
    public async Task A_fresh_access_token_is_used_as_it_is()
    {
        var user = await SignedInAsync(TimeSpan.FromMinutes(10));

        (await _tokens.AccessTokenAsync(user, Ct)).Should().Be("first-access");
        _identity.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_access_token_about_to_expire_is_renewed_with_the_refresh_token_and_the_rotated_one_is_kept()
    {
        var user = await SignedInAsync(TimeSpan.FromSeconds(30));
        _identity.Answer("""{"access_token":"second-access","refresh_token":"second-refresh","expires_in":900}""");

        (await _tokens.AccessTokenAsync(user, Ct)).Should().Be("second-access");
        _identity.Requests.Should().ContainSingle().Which.Should()
            .Contain("grant_type=refresh_token").And.Contain("refresh_token=first-refresh").And.Contain("client_secret=secret");

        _time.Advance(TimeSpan.FromMinutes(14.5));
        _identity.Answer("""{"access_token":"third-access","refresh_token":"third-refresh","expires_in":900}""");
        (await _tokens.AccessTokenAsync(user, Ct)).Should().Be("third-access");
        _identity.Requests.Last().Should().Contain("refresh_token=second-refresh", "identity rotates refresh tokens: the newest one is used");
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session()
    {
        var user = await SignedInAsync(TimeSpan.FromSeconds(-5));
        _identity.Refuse();

        await _tokens.Invoking(t => t.AccessTokenAsync(user, Ct)).Should().ThrowAsync<SessionLostException>();
        (await _sessions.RetrieveAsync(user.FindFirstValue(ServerTicketStore.SessionClaim)!)).Should().BeNull();
    }

    [Fact]
    public async Task A_user_without_a_session_on_the_server_has_lost_it()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ServerTicketStore.SessionClaim, "gone")], "test"));

        await _tokens.Invoking(t => t.AccessTokenAsync(user, Ct)).Should().ThrowAsync<SessionLostException>();
    }

    public void Dispose() => _identity.Dispose();

    /// <summary>Identity's token endpoint as the web's back channel sees it: it records each form and answers as told.</summary>
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        private HttpResponseMessage? _answer;

        public List<string> Requests { get; } = [];

        public void Answer(string json) =>
            _answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        public void Refuse() =>
            _answer = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"invalid_grant"}""", Encoding.UTF8, "application/json") };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return _answer ?? throw new InvalidOperationException("Identity was not expected to be called.");
        }
    }

    private sealed class FixedOptions(OpenIdConnectOptions options) : IOptionsMonitor<OpenIdConnectOptions>
    {
        public OpenIdConnectOptions CurrentValue => options;

        public OpenIdConnectOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }
}
