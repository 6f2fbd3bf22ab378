using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Gate;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The guard's pass check sends each check with an Idempotency-Key: the same code sent again after a lost answer is the
/// same check (security-gate records one use), and the next check of a code is a new one.
/// </summary>
public sealed class PassCheckPageTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private readonly List<string?> _keys = [];
    private int _checks;

    public PassCheckPageTests()
    {
        User.SetAuthorized("guard.north");
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"gate/pass?estate={Estate}");
    }

    private static async Task CheckAsync(IRenderedComponent<PassCheck> page, string code)
    {
        page.WaitForElement("form[data-interactive=true]");
        await page.Find("#token").ChangeAsync(new ChangeEventArgs { Value = code });
        await page.Find("form").SubmitAsync();
    }

    [Fact]
    public async Task A_check_whose_answer_was_lost_is_sent_again_with_the_same_key_and_the_next_check_gets_a_new_one()
    {
        var page = Context.Render<PassCheck>();

        await CheckAsync(page, "pass-code-1");
        await CheckAsync(page, "pass-code-1");
        page.WaitForAssertion(() => page.Markup.Should().Contain("Zhang Wei"));
        await CheckAsync(page, "pass-code-1");
        await CheckAsync(page, "pass-code-2");

        _keys.Should().HaveCount(4).And.OnlyContain(k => k != null && k.StartsWith("gate-check-", StringComparison.Ordinal));
        _keys[1].Should().Be(_keys[0], "the gateway lost the first answer: resending the same code is the same check");
        _keys.Skip(1).Should().OnlyHaveUniqueItems("a check that was answered is done; the next is another check");
    }

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/api/security-gate/passes/check")
        {
            _keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            return ++_checks == 1
                ? new HttpResponseMessage(HttpStatusCode.BadGateway)
                : new PassCheckView(true, null, Guid.NewGuid(), "Zhang Wei", null, 1, Guid.NewGuid());
        }

        return path == $"/api/reception/estates/{Estate}" ? new EstateView(Estate, "North Garden", "Asia/Shanghai") : null;
    }
}
