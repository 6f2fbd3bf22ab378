using Bunit;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Pages.Desk.Messages;
using PropertyPlatform.Web.Components.Pages.Owner.Messages;

namespace PropertyPlatform.Web.Tests;

/// <summary>The clerk answering an owner's thread sees which unit it is about, as "building – number"; the owner's own page does not ask.</summary>
public sealed class DeskThreadUnitTests : GatewayPageTest
{
    private static readonly Guid Estate = Guid.NewGuid();
    private static readonly UnitView Unit101 = new(Guid.NewGuid(), Estate, Guid.NewGuid(), "1", "101", 1);
    private static readonly MessageView Thread = new(
        Guid.NewGuid(), Estate, Unit101.Id, "Noise at night", "The pump is loud.", "Li Wei", DateTimeOffset.UtcNow, true, null, DateTimeOffset.UtcNow, 0,
        DateTimeOffset.UtcNow.AddMinutes(5), false);

    [Fact]
    public void The_desks_thread_shows_the_owner_and_the_unit_as_building_and_number()
    {
        User.SetAuthorized("clerk.north");

        var page = Context.Render<DeskThread>(p => p.Add(t => t.Id, Thread.Id));

        page.WaitForAssertion(() => page.Find("[data-testid=thread-unit]").TextContent.Should().Be("Li Wei · Unit 1 – 101"));
        Asked.Should().Contain($"/api/reception/units?ids={Unit101.Id}&limit=100");
    }

    [Fact]
    public void The_owners_own_thread_does_not_look_up_the_unit()
    {
        User.SetAuthorized("13800001234");

        var page = Context.Render<OwnerThread>(p => p.Add(t => t.Id, Thread.Id));

        page.WaitForAssertion(() => page.Find("[data-testid=thread]").TextContent.Should().Contain("The pump is loud."));
        page.FindAll("[data-testid=thread-unit]").Should().BeEmpty();
        Asked.Should().NotContain(a => a.StartsWith("/api/reception/units?", StringComparison.Ordinal));
    }

    protected override object? Answer(HttpRequestMessage request) => request.RequestUri!.AbsolutePath switch
    {
        var p when p == $"/api/reception/messages/{Thread.Id}" => Thread,
        var p when p == $"/api/reception/messages/{Thread.Id}/replies" => new PageOf<ReplyView>([], null),
        var p when p == $"/api/reception/estates/{Estate}" => new EstateView(Estate, "North Garden", "Asia/Shanghai"),
        "/api/reception/units/mine" => new PageOf<OwnUnitView>([new(Unit101.Id, Estate, "North Garden", "Asia/Shanghai", "1", "101")], null),
        "/api/reception/units" => new PageOf<UnitView>([Unit101], null),
        _ => null,
    };
}
