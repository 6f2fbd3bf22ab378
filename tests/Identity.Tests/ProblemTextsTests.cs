using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Tests;

/// <summary>
/// A caller who asks for Chinese (<c>Accept-Language: zh-CN</c>, as the web app sends for a Chinese user) reads identity's
/// API problem details in Chinese, from Resources/ProblemTexts.zh-CN.resx; any other caller keeps the English.
/// </summary>
public sealed class ProblemTextsTests(IdentityService identity)
{
    private const string Accounts = "/api/identity/accounts";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string uri, object? body, string? language)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return await client.SendAsync(request, Ct);
    }

    private static object NewStaff(Guid estate, string userName, string role) => new
    {
        userName,
        displayName = "Wang Fang",
        password = IdentityService.Password,
        roles = new[] { role },
        estateIds = new[] { estate },
        trades = Array.Empty<string>(),
    };

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    [Fact]
    public async Task Field_errors_are_in_chinese_for_a_caller_asking_for_zh_CN_with_the_wrong_value_filled_in()
    {
        var estate = Guid.NewGuid();
        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [estate], Ct);
        var bad = NewStaff(estate, "bad name!", "boss");

        var chinese = await Read<ValidationProblemDetails>(await SendAsync(manager, HttpMethod.Post, Accounts, bad, "zh-CN"), HttpStatusCode.BadRequest);
        var english = await Read<ValidationProblemDetails>(await SendAsync(manager, HttpMethod.Post, Accounts, bad, null), HttpStatusCode.BadRequest);

        chinese.Errors["userName"].Should().Equal("只能使用字母、数字和 . _ - @ +。");
        chinese.Errors["roles"].Should().ContainSingle().Which.Should().StartWith("“boss”不在以下范围内：").And.Contain(PlatformRoles.FrontDeskClerk);
        english.Errors["userName"].Should().Equal("Use letters, digits and . _ - @ + only.");
        english.Errors["roles"].Should().ContainSingle().Which.Should().StartWith("'boss' is not one of: ");
    }

    [Fact]
    public async Task Conflicts_refusals_and_missing_accounts_are_explained_in_chinese_for_a_caller_asking_for_zh_CN()
    {
        var estate = Guid.NewGuid();
        var admin = await identity.CreateAccountAsync([PlatformRoles.GroupAdmin], []);
        var adminClient = identity.CreateBrowser();
        adminClient.DefaultRequestHeaders.Authorization = new("Bearer", (await identity.SignInAsync(admin, Ct)).AccessToken);
        var manager = await identity.ApiClientAsync([PlatformRoles.EstateManager], [estate], Ct);
        var elsewhere = NewStaff(Guid.NewGuid(), IdentityService.UniqueUserName("staff"), PlatformRoles.FrontDeskClerk);
        var missing = Guid.NewGuid();

        var conflict = await Read<ProblemDetails>(
            await SendAsync(adminClient, HttpMethod.Post, $"{Accounts}/{admin.Id}/disable", null, "zh-CN"), HttpStatusCode.Conflict);
        var refused = await Read<ProblemDetails>(await SendAsync(manager, HttpMethod.Post, Accounts, elsewhere, "zh-CN"), HttpStatusCode.Forbidden);
        var notFound = await Read<ProblemDetails>(await SendAsync(adminClient, HttpMethod.Get, $"{Accounts}/{missing}", null, "zh-CN"), HttpStatusCode.NotFound);
        var englishRefusal = await Read<ProblemDetails>(await SendAsync(manager, HttpMethod.Post, Accounts, elsewhere, null), HttpStatusCode.Forbidden);
        var englishNotFound = await Read<ProblemDetails>(await SendAsync(adminClient, HttpMethod.Get, $"{Accounts}/{missing}", null, null), HttpStatusCode.NotFound);

        conflict.Detail.Should().Be("账户不能停用自己。");
        refused.Detail.Should().Be("小区经理只能分配自己管理的小区。");
        notFound.Detail.Should().Be($"未找到账户（{missing}）。");
        englishRefusal.Detail.Should().Be("An estate manager assigns only the estates they manage.");
        englishNotFound.Detail.Should().Be($"Account '{missing}' was not found.");
    }
}
