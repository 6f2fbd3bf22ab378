using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Tests;

/// <summary>The services answer in the reader's language: each call says the page's language, and a conflict's detail comes back.</summary>
public sealed class GatewayClientLanguageTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly List<string[]> _languagesAsked = [];

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_call_asks_for_the_pages_language(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        await Client(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create("ok") })
            .GetAsync<string>("/api/reception/estates", TestContext.Current.CancellationToken);

        _languagesAsked.Single().Should().Equal(culture);
    }

    [Fact]
    public async Task A_conflicts_detail_is_kept_with_its_title()
    {
        var result = await Client(_ => new HttpResponseMessage(HttpStatusCode.Conflict)
            {
                Content = JsonContent.Create(new { title = "与当前记录的状态冲突。", detail = "车位 P-12 已出租。" },
                    new MediaTypeHeaderValue("application/problem+json")),
            })
            .PostAsync<string>("/api/billing/parking", new { }, TestContext.Current.CancellationToken);

        result.Title.Should().Be("与当前记录的状态冲突。");
        result.Detail.Should().Be("车位 P-12 已出租。");
        result.Problem.Should().Be("车位 P-12 已出租。");
    }

    public void Dispose() => CultureInfo.CurrentUICulture = _culture;

    private GatewayClient Client(Func<HttpRequestMessage, HttpResponseMessage> answer) =>
        new(new HttpClient(new Answering(request =>
            {
                _languagesAsked.Add([.. request.Headers.AcceptLanguage.Select(language => language.Value)]);
                return answer(request);
            })) { BaseAddress = new Uri(GatewayClient.GatewayAddress) },
            new Anonymous());

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    private sealed class Anonymous : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
