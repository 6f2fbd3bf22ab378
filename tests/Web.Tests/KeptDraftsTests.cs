using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.SignIn;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// The gate's and the desk's everyday forms keep what was typed through a lost session: sent after the session ended,
/// the form is back, filled in and marked as kept, when the same user opens the page again (the mechanism itself is
/// <see cref="FormDraftTests"/>'s; here, that each page names its form).
/// </summary>
public sealed class KeptDraftsTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private bool _sessionLost;

    public KeptDraftsTests()
    {
        User.SetAuthorized("staff.north");
        User.SetClaims(new Claim(PlatformClaims.Subject, "staff-north"));
    }

    public static TheoryData<string, string, string, string> Forms => new()
    {
        { "gate visitors", "gate/visitors", "visitorName", "Zhao Lei" },
        { "gate patrol", "gate/patrol", "checkpointCode", "CP-NORTH-07" },
        { "gate pass check", "gate/pass", "token", "PASS-7Q2K" },
        { "desk parcels", "desk/parcels", "carrier", "SF Express" },
        { "desk keys", "desk/keys", "label", "Pump room B2" },
        { "desk owners", "desk/owners", "fullName", "Li Wei" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task What_was_typed_before_the_session_was_lost_is_back_in_the_form(string _, string page, string field, string typed)
    {
        var component = ComponentAt(page);
        _sessionLost = true;
        var before = Open(component, page);
        before.WaitForElement("form[data-interactive=true]");
        await before.Find($"#{field}").ChangeAsync(new ChangeEventArgs { Value = typed });
        await before.Find($"#{field}").Closest("form")!.SubmitAsync();

        _sessionLost = false;
        var back = Open(component, page);

        back.WaitForElement("[data-testid=draft-restored]");
        back.Find($"#{field}").GetAttribute("value").Should().Be(typed);
    }

    private IRenderedComponent<ContainerFragment> Open(Type component, string page)
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"{page}?estate={Estate}");
        return Context.Render(builder =>
        {
            builder.OpenComponent(0, component);
            builder.CloseComponent();
        });
    }

    /// <summary>The page component routed at <paramref name="page"/>, found as the router finds it.</summary>
    private static Type ComponentAt(string page) =>
        typeof(GatewayClient).Assembly.GetTypes().Single(t => t.GetCustomAttributes(typeof(RouteAttribute), false)
            .Cast<RouteAttribute>().Any(r => r.Template == $"/{page}"));

    protected override object? Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method != HttpMethod.Get)
        {
            return _sessionLost ? throw new SessionLostException("The session has ended.") : null;
        }

        return path == $"/api/reception/estates/{Estate}"
            ? new EstateView(Estate, "North Garden", "Asia/Shanghai")
            : new PageOf<object>([], null);
    }
}
