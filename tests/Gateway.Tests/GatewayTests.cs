using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.TestSupport.Auth;

namespace PropertyPlatform.Gateway.Tests;

public sealed class GatewayTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RecordingBackend _reception = null!;
    private RecordingBackend _maintenance = null!;
    private RecordingBackend _identity = null!;
    private RecordingBackend _billing = null!;
    private RecordingBackend _web = null!;
    private WebApplicationFactory<Program> _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _reception = await RecordingBackend.StartAsync();
        _maintenance = await RecordingBackend.StartAsync();
        _identity = await RecordingBackend.StartAsync();
        _billing = await RecordingBackend.StartAsync();
        _web = await RecordingBackend.StartAsync();
        _gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Exactly what the AppHost gives the gateway: service discovery entries, no URLs in code.
            web.UseSetting("services:reception:http:0", _reception.Address.ToString());
            web.UseSetting("services:maintenance:http:0", _maintenance.Address.ToString());
            web.UseSetting("services:identity:http:0", _identity.Address.ToString());
            web.UseSetting("services:billing:http:0", _billing.Address.ToString());
            web.UseSetting("services:web:http:0", _web.Address.ToString());
            web.UseSetting("Gateway:PermitsPerSecond", "1");
            web.UseSetting("Gateway:Burst", "30");
            web.UseSetting("Gateway:MaxRequestBodyBytes", "1024");
            web.ConfigureTestServices(services => services.Configure<JwtBearerOptions>(
                JwtBearerDefaults.AuthenticationScheme, options => options.Configuration = TestTokens.Configuration));
        });
    }

    /// <summary>A signed-in clerk's client (each call of this is another person).</summary>
    private HttpClient Client(string audience = PlatformAudiences.Reception)
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.Create(TestCaller.Clerk(Guid.NewGuid()), audience));
        return client;
    }

    [Fact]
    public async Task A_call_without_a_valid_token_is_refused_at_the_gateway_and_never_reaches_a_service()
    {
        var anonymous = _gateway.CreateClient();
        var forged = _gateway.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.Create(TestCaller.Clerk(Guid.NewGuid()), PlatformAudiences.Reception, signingKey: TestTokens.ForeignKey()));
        var expired = _gateway.CreateClient();
        expired.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", TestTokens.Create(TestCaller.Clerk(Guid.NewGuid()), PlatformAudiences.Reception, issuedAt: DateTimeOffset.UtcNow.AddHours(-2)));

        foreach (var client in new[] { anonymous, forged, expired })
        {
            var response = await client.GetAsync("/api/reception/requests", Ct);
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        (await anonymous.GetAsync("/api/identity/accounts", Ct)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        _reception.Received.Should().BeEmpty();
        _identity.Received.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/account/login?ReturnUrl=%2Fconnect%2Fauthorize")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/api/identity/activation")]
    public async Task Signing_in_needs_no_token_and_goes_to_identity(string path)
    {
        var response = await _gateway.CreateClient().GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _identity.Received.Select(r => r.Path).Should().Equal(path);
    }

    [Fact]
    public async Task A_callers_token_is_checked_in_full_once_and_remembered_for_the_requests_after_it()
    {
        var handler = _gateway.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme).TokenHandlers.Should().ContainSingle()
            .Which.Should().BeOfType<RememberingTokenHandler>().Subject;
        handler.MapInboundClaims.Should().BeFalse("claims keep the names identity gave them");
        var clerk = Client();

        var first = await clerk.GetAsync("/api/reception/requests", Ct);
        var second = await clerk.GetAsync("/api/reception/requests", Ct);

        (first.StatusCode, second.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        _reception.Received.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_payment_providers_callback_reaches_billing_without_a_token_and_nothing_else_of_billing_does()
    {
        var provider = _gateway.CreateClient();

        var callback = await provider.PostAsync("/api/billing/payments/callbacks/development", new StringContent("{}"), Ct);
        var readCallback = await provider.GetAsync("/api/billing/payments/callbacks/development", Ct);
        var payments = await provider.GetAsync("/api/billing/payments", Ct);
        var deeper = await provider.PostAsync("/api/billing/payments/callbacks/development/extra", new StringContent("{}"), Ct);

        callback.StatusCode.Should().Be(HttpStatusCode.OK, "billing checks the provider's signature itself");
        _billing.Received.Should().ContainSingle().Which.Path.Should().Be("/api/billing/payments/callbacks/development");
        readCallback.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        payments.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        deeper.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_development_providers_checkout_page_opens_and_posts_without_a_token_and_only_that_page()
    {
        var payer = _gateway.CreateClient();

        var page = await payer.GetAsync("/api/billing/payments/development/checkout/dev_abc", Ct);
        var pay = await payer.PostAsync("/api/billing/payments/development/checkout/dev_abc/pay", null, Ct);
        var sideways = await payer.DeleteAsync("/api/billing/payments/development/checkout/dev_abc", Ct);
        var online = await payer.GetAsync("/api/billing/payments/development", Ct);

        page.StatusCode.Should().Be(HttpStatusCode.OK, "the payer's browser has no token of ours");
        pay.StatusCode.Should().Be(HttpStatusCode.OK);
        _billing.Received.Select(r => r.Path).Should().Equal(
            "/api/billing/payments/development/checkout/dev_abc", "/api/billing/payments/development/checkout/dev_abc/pay");
        sideways.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        online.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_api_prefix_goes_to_its_own_service_with_the_path_unchanged()
    {
        var client = Client();

        (await client.GetAsync("/api/reception/requests?limit=5", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/maintenance/work-orders", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);

        _reception.Received.Select(r => r.Path).Should().Equal("/api/reception/requests?limit=5");
        _maintenance.Received.Select(r => r.Path).Should().Equal("/api/maintenance/work-orders");
    }

    [Fact]
    public async Task A_correlation_id_is_created_when_absent_and_travels_to_the_service_and_back()
    {
        var client = Client();

        var response = await client.GetAsync("/api/reception/requests", Ct);

        var returned = response.Headers.GetValues(CorrelationContext.HeaderName).Should().ContainSingle().Subject;
        Guid.TryParse(returned, out _).Should().BeTrue();
        _reception.Received.Single().Headers[CorrelationContext.HeaderName].Should().Be(returned);
    }

    [Fact]
    public async Task The_callers_correlation_id_is_kept()
    {
        var client = Client();
        var correlationId = Guid.NewGuid().ToString();
        client.DefaultRequestHeaders.Add(CorrelationContext.HeaderName, correlationId);

        var response = await client.GetAsync("/api/reception/requests", Ct);

        response.Headers.GetValues(CorrelationContext.HeaderName).Should().Equal([correlationId], "the caller gets it once");
        _reception.Received.Single().Headers[CorrelationContext.HeaderName].Should().Be(correlationId);
    }

    [Fact]
    public async Task Internal_headers_sent_by_a_client_never_reach_a_service()
    {
        var client = Client();
        client.DefaultRequestHeaders.Add("X-Internal-Estate-Ids", "all");

        await client.GetAsync("/api/reception/requests", Ct);

        _reception.Received.Single().Headers.Keys.Should().NotContain(k => k.StartsWith("X-Internal-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_caller_over_its_rate_gets_429_problem_details_while_others_carry_on()
    {
        var client = Client();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 40 && rejected is null; i++)
        {
            var response = await client.GetAsync("/api/maintenance/work-orders", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
        }

        rejected.Should().NotBeNull("a burst of 30 is allowed, then the client must slow down");
        statuses.Count(s => s == HttpStatusCode.OK).Should().BeInRange(30, 32);
        rejected!.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await rejected.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!.Status.Should().Be(429);
        (await client.GetAsync("/health", Ct)).StatusCode.Should().Be(HttpStatusCode.OK, "probes are never rate limited");
        (await Client().GetAsync("/api/maintenance/work-orders", Ct)).StatusCode.Should().Be(
            HttpStatusCode.OK, "signed-in callers are limited one by one, not by the address they share");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_reaches_a_service()
    {
        var client = Client();
        using var content = new ByteArrayContent(new byte[4096]);

        var response = await client.PostAsync("/api/reception/requests", content, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Every_path_outside_the_API_and_sign_in_goes_to_the_web_app_without_a_token()
    {
        var anonymous = _gateway.CreateClient();

        foreach (var path in new[] { "/", "/desk/queue?estate=1", "/signin-callback?code=x", "/_framework/blazor.web.js" })
        {
            var response = await anonymous.GetAsync(path, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        }

        _web.Received.Select(r => r.Path).Should().Equal("/", "/desk/queue?estate=1", "/signin-callback?code=x", "/_framework/blazor.web.js");
        (await anonymous.GetAsync("/connect/authorize", Ct)).StatusCode.Should().Be(HttpStatusCode.OK);
        _identity.Received.Select(r => r.Path).Should().Equal("/connect/authorize");
        (await anonymous.GetAsync("/api/nowhere/at-all", Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the API's unknown paths are not pages");
        _web.Received.Should().HaveCount(4);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        var response = await Client().GetAsync("/api/nowhere/at-all", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    [InlineData("/scalar/v1")]
    [InlineData("/METRICS")]
    public async Task Metrics_openapi_and_scalar_are_not_served_on_the_public_port(string path)
    {
        var response = await _gateway.CreateClient().GetAsync(path, Ct);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metrics_openapi_and_scalar_are_served_on_the_internal_port_only()
    {
        var (publicPort, internalPort) = (FreePort(), FreePort());
        await using var gateway = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("services:identity:http:0", _identity.Address.ToString());
            web.UseSetting(InternalEndpoints.PortSetting, internalPort.ToString(CultureInfo.InvariantCulture));
            web.ConfigureTestServices(services => services.Configure<JwtBearerOptions>(
                JwtBearerDefaults.AuthenticationScheme, options => options.Configuration = TestTokens.Configuration));
        });
        gateway.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, publicPort);
            kestrel.Listen(IPAddress.Loopback, internalPort);
        });
        gateway.StartServer();
        using var http = new HttpClient();

        foreach (var path in new[] { "/metrics", "/openapi/v1.json", "/scalar" })
        {
            (await http.GetAsync(new Uri($"http://127.0.0.1:{internalPort}{path}"), Ct)).StatusCode.Should().Be(HttpStatusCode.OK, path);
            (await http.GetAsync(new Uri($"http://127.0.0.1:{publicPort}{path}"), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }

        (await http.GetAsync(new Uri($"http://127.0.0.1:{publicPort}/.well-known/openid-configuration"), Ct)).StatusCode
            .Should().Be(HttpStatusCode.OK, "the public routes are served as before");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _reception.DisposeAsync();
        await _maintenance.DisposeAsync();
        await _identity.DisposeAsync();
        await _billing.DisposeAsync();
        await _web.DisposeAsync();
    }
}
