using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Components.Layout;

namespace PropertyPlatform.Web.Tests;

/// <summary>The console's navigation exists once (a phone opens that one, not a copy in a drawer).</summary>
public sealed class NavigationOnceTests : EnglishComponentTest
{
    [Fact]
    public void The_layout_renders_one_navigation_with_each_link_once()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddFluentUIComponents();
        Context.AddAuthorization().SetAuthorized("clerk.north").SetRoles(PlatformRoles.FrontDeskClerk)
            .SetClaims(new Claim(PlatformClaims.Estate, "0197a000-0000-7000-8000-000000000001"));
        Context.SetRendererInfo(new RendererInfo("Static", false));

        var layout = Context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        layout.FindAll("nav").Should().ContainSingle();
        var links = layout.FindAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        links.Should().Contain("desk/intake").And.OnlyHaveUniqueItems();
    }
}
