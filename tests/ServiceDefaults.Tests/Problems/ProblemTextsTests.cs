using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Tests.Problems;

/// <summary>A reader who prefers Chinese gets a service's problems in Chinese; everyone else in English, as thrown.</summary>
public sealed class ProblemTextsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ProblemTexts Shared = new(typeof(ProblemTexts).Assembly);

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapPost("/name", () => { throw new ValidationFailedException("name", "Must be between 2 and 50 characters."); });
        _app.MapGet("/events/{id}", (string id) => { throw new NotFoundException("Parked event", id); });
        _app.MapGet("/fields", () => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["The limit must be between 1 and 200."] }));
        await _app.StartAsync(Ct);
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void A_message_without_values_is_said_as_its_chinese_names_it() =>
        Shared.InChinese("The cursor is not one this service returned.").Should().Be("分页游标无效，不是本服务返回的。");

    [Fact]
    public void A_message_with_values_keeps_its_values_in_the_chinese_order() =>
        Shared.InChinese("Must have at most 2 decimals in CNY.").Should().Be("CNY 金额最多保留 2 位小数。");

    [Fact]
    public void A_value_with_a_chinese_of_its_own_is_said_in_chinese_too() =>
        Shared.InChinese("Parked event 'a1b2' was not found.").Should().Be("未找到滞留事件（a1b2）。");

    [Theory]
    [InlineData("Must be between 2 and 50 characters.", "长度须在 2 到 50 个字符之间。")]
    [InlineData("Must be between 0 and 1000 CNY.", "须在 0 到 1000 CNY 之间。")]
    public void The_most_particular_message_wins_over_a_looser_one_that_also_fits(string english, string chinese) =>
        Shared.InChinese(english).Should().Be(chinese);

    [Fact]
    public void A_message_nobody_translated_stays_english() =>
        Shared.InChinese("The moon is not for rent.").Should().Be("The moon is not for rent.");

    [Fact]
    public async Task A_reader_who_prefers_chinese_gets_the_title_and_the_field_errors_in_chinese()
    {
        var response = await SendAsync(HttpMethod.Post, "/name", "zh-CN,zh;q=0.9,en;q=0.8");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentLanguage.Should().Equal("zh-CN");
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct);
        problem!.Title.Should().Be("有字段填写不正确。");
        problem.Errors["name"].Should().Equal("长度须在 2 到 50 个字符之间。");
    }

    [Fact]
    public async Task The_detail_of_a_missing_record_is_said_in_chinese()
    {
        var response = await SendAsync(HttpMethod.Get, "/events/e-17", "zh");

        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        problem!.Title.Should().Be("未找到。");
        problem.Detail.Should().Be("未找到滞留事件（e-17）。");
    }

    [Fact]
    public async Task A_validation_problem_an_endpoint_returns_is_said_in_chinese_too()
    {
        var response = await SendAsync(HttpMethod.Get, "/fields", "zh-CN");

        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct);
        problem!.Errors["limit"].Should().Equal("每页条数须在 1 到 200 之间。");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en-US")]
    [InlineData("en;q=0.9, zh-CN;q=0.5")]
    [InlineData("fr, zh-CN;q=0")]
    public async Task Anyone_else_gets_the_english_the_service_threw(string? acceptLanguage)
    {
        var response = await SendAsync(HttpMethod.Post, "/name", acceptLanguage);

        response.Headers.Vary.Should().Contain("Accept-Language");
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct);
        problem!.Title.Should().Be("One or more fields are invalid.");
        problem.Errors["name"].Should().Equal("Must be between 2 and 50 characters.");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd("application/json");
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return await _client.SendAsync(request, Ct);
    }
}
