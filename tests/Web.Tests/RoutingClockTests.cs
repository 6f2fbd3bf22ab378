using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Tests;

public sealed class RoutingClockTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly BunitContext _context = new();
    private readonly FakeTimeProvider _time = new(Received);
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public RoutingClockTests()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en");
        _context.Services.AddSingleton<TimeProvider>(_time);
        _context.Services.AddLocalization();
    }

    private IRenderedComponent<RoutingClock> Render(DateTimeOffset? routedAt = null) =>
        _context.Render<RoutingClock>(clock => clock
            .Add(c => c.RouteBy, Received.AddMinutes(5))
            .Add(c => c.RoutedAt, routedAt)
            .Add(c => c.Estate, new EstateTime("Asia/Shanghai")));

    [Fact]
    public void An_unrouted_request_counts_down_the_five_minutes_every_second()
    {
        var clock = Render();
        clock.Find("[data-testid=routing-clock]").TextContent.Should().Be("5:00 left to route");

        _time.Advance(TimeSpan.FromSeconds(61));

        clock.WaitForAssertion(() => clock.Find("[data-testid=routing-clock]").TextContent.Should().Be("3:59 left to route"));
        clock.Find("[data-testid=routing-clock]").ClassName.Should().Be("clock-ok");
    }

    [Fact]
    public void The_last_minute_warns_and_past_the_deadline_the_clock_shows_how_late()
    {
        var clock = Render();

        _time.Advance(TimeSpan.FromSeconds(4 * 60 + 30));
        clock.WaitForAssertion(() => clock.Find("[data-testid=routing-clock]").ClassName.Should().Be("clock-soon"));
        _time.Advance(TimeSpan.FromSeconds(95));

        clock.WaitForAssertion(() => clock.Find("[data-testid=routing-clock]").TextContent.Should().Be("Routing overdue by 1:05"));
        clock.Find("[data-testid=routing-clock]").ClassName.Should().Be("clock-late");
    }

    [Fact]
    public void A_routed_request_shows_when_in_the_estates_time_and_whether_it_was_on_time()
    {
        Render(routedAt: Received.AddMinutes(3)).Find("[data-testid=routing-clock]").TextContent.Should().Be("Routed at 10:03");
        var late = Render(routedAt: Received.AddMinutes(7)).Find("[data-testid=routing-clock]");
        late.TextContent.Should().Be("Routed late at 10:07");
        late.ClassName.Should().Be("clock-late");
    }

    public void Dispose()
    {
        _context.Dispose();
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = _culture;
    }
}
