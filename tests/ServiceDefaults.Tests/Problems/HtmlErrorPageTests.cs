using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Tests.Problems;

/// <summary>An app people open in a browser shows its own error page to a browser, and problem details to programs.</summary>
public sealed class HtmlErrorPageTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddHtmlErrorPage("/error");
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGet("/broken", () => { throw new InvalidOperationException("hunter2"); });
        _app.MapGet("/error", () => Results.Content("<p>friendly error</p>", "text/html"));
        _app.MapGet("/error/{status:int}", (int status) => Results.Content($"<p>friendly {status}</p>", "text/html"));
        await _app.StartAsync(Ct);
        _client = _app.GetTestClient();
    }

    [Fact]
    public async Task A_failure_asked_for_as_html_shows_the_error_page_with_status_500()
    {
        var response = await GetAsync("/broken", "text/html; blazor-enhanced-nav=on");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("<p>friendly error</p>");
    }

    [Fact]
    public async Task An_unknown_page_asked_for_as_html_shows_the_status_page_with_status_404()
    {
        var response = await GetAsync("/no-such-page", "text/html,application/xhtml+xml,*/*;q=0.8");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("<p>friendly 404</p>");
    }

    [Theory]
    [InlineData("/broken", HttpStatusCode.InternalServerError, "application/json")]
    [InlineData("/broken", HttpStatusCode.InternalServerError, "*/*")]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "application/json")]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "*/*")]
    public async Task A_failure_or_an_unknown_address_asked_for_by_a_program_stays_problem_details(string path, HttpStatusCode status, string accept)
    {
        var response = await GetAsync(path, accept);

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return await _client.SendAsync(request, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
