using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Tests.Problems;

/// <summary>Every failure leaves a service as RFC 7807 problem details, through the one shared handler.</summary>
public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private const string Secret = "connection refused to 10.1.2.3 with password hunter2";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGet("/invalid", () => { throw new ValidationFailedException("unitId", "Unknown unit."); });
        _app.MapGet("/missing", () => { throw new NotFoundException("Request", 42); });
        _app.MapGet("/conflict", () => { throw new ConflictException("Already closed."); });
        _app.MapGet("/raced", () => { throw new DbUpdateConcurrencyException("row changed"); });
        _app.MapGet("/broken", () => { throw new InvalidOperationException(Secret); });
        await _app.StartAsync(Ct);
        _client = _app.GetTestClient();
    }

    [Theory]
    [InlineData("/invalid", HttpStatusCode.BadRequest)]
    [InlineData("/missing", HttpStatusCode.NotFound)]
    [InlineData("/conflict", HttpStatusCode.Conflict)]
    [InlineData("/raced", HttpStatusCode.Conflict)]
    [InlineData("/broken", HttpStatusCode.InternalServerError)]
    [InlineData("/no-such-route", HttpStatusCode.NotFound)]
    public async Task Each_kind_of_failure_has_its_status_as_problem_details(string path, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(path, Ct);

        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))!;
        problem.Status.Should().Be((int)expected);
    }

    [Fact]
    public async Task A_rule_violation_names_the_failing_field()
    {
        var response = await _client.GetAsync("/invalid", Ct);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct))!;

        problem.Errors.Should().ContainKey("unitId").WhoseValue.Should().Equal("Unknown unit.");
    }

    [Fact]
    public async Task An_unexpected_failure_reveals_no_internals()
    {
        var body = await (await _client.GetAsync("/broken", Ct)).Content.ReadAsStringAsync(Ct);

        body.Should().NotContain("hunter2").And.NotContain("10.1.2.3").And.NotContain("InvalidOperationException");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
