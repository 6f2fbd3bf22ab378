using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Layout;

namespace PropertyPlatform.Web.Tests;

/// <summary>
/// Staff who work in several estates choose the estate by name in the header; the same page opens for it, and the
/// journeys in the navigation stay in the chosen estate instead of falling back to the first.
/// </summary>
public sealed class EstateSwitchTests : GatewayPageTest
{
    private static readonly Guid North = Guid.NewGuid();
    private static readonly Guid South = Guid.NewGuid();
    private static readonly Guid NotTheirs = Guid.NewGuid();

    private IRenderedComponent<MainLayout> Layout(string address, params Guid[] estates)
    {
        User.SetAuthorized("clerk.both").SetRoles(PlatformRoles.FrontDeskClerk)
            .SetClaims([.. estates.Select(e => new Claim(PlatformClaims.Estate, e.ToString()))]);
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
    }

    [Fact]
    public void A_clerk_of_two_estates_sees_both_by_name_with_the_pages_estate_marked_and_each_opening_this_page_for_it()
    {
        var layout = Layout($"desk/keys?estate={South}", North, South);

        var links = layout.FindAll("[data-testid=estate-switch] a");
        links.Select(a => a.TextContent).Should().Equal("North Garden", "South Lake");
        links[1].GetAttribute("aria-current").Should().Be("page");
        links[0].GetAttribute("aria-current").Should().BeNull();
        links[0].GetAttribute("href").Should().EndWith($"/desk/keys?estate={North}");
    }

    [Fact]
    public void The_navigations_journeys_stay_in_the_estate_the_page_is_about()
    {
        var layout = Layout($"desk/keys?estate={South}", North, South);

        var links = layout.FindAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        links.Should().Contain([$"desk/intake?estate={South}", $"desk/owners?estate={South}", $"desk/complaints?estate={South}"]);
    }

    [Fact]
    public void An_estate_in_the_address_that_is_not_theirs_marks_their_first_and_one_estate_needs_no_switch()
    {
        Layout($"desk/keys?estate={NotTheirs}", North, South).FindAll("[data-testid=estate-switch] a")[0]
            .GetAttribute("aria-current").Should().Be("page");

        var single = Layout("desk/keys", North);
        single.FindAll("[data-testid=estate-switch]").Should().BeEmpty();
        single.FindAll("nav a").Select(a => a.GetAttribute("href")).Should().Contain("desk/intake");
    }

    protected override object? Answer(HttpRequestMessage request) =>
        request.RequestUri!.AbsolutePath == "/api/reception/estates"
            ? new PageOf<EstateView>([new(North, "North Garden", "Asia/Shanghai"), new(South, "South Lake", "Asia/Shanghai"), new(NotTheirs, "East Bay", "Asia/Shanghai")], null)
            : null;
}
