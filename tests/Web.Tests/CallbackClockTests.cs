using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Desk.Callbacks;

namespace PropertyPlatform.Web.Tests;

public sealed class CallbackClockTests : EnglishComponentTest
{
    /// <summary>10:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Completed = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The end of that Shanghai day (its midnight), the same-day rule's deadline.</summary>
    private static readonly DateTimeOffset ShanghaiMidnight = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Completed.AddMinutes(1));

    public CallbackClockTests() => Context.Services.AddSingleton<TimeProvider>(_time);

    private IRenderedComponent<CallbackClock> Render(DateTimeOffset dueAt) =>
        Context.Render<CallbackClock>(clock => clock
            .Add(c => c.CreatedAt, Completed)
            .Add(c => c.DueAt, dueAt)
            .Add(c => c.Estate, new EstateTime("Asia/Shanghai")));

    [Fact]
    public void An_ordinary_repair_is_due_by_the_end_of_the_estate_local_day_and_counts_down_every_second()
    {
        var clock = Render(ShanghaiMidnight);
        clock.Find("[data-testid=callback-clock]").TextContent.Should().Be("Same day: 13:59:00 left (by the end of 12/1/2026)");

        _time.Advance(TimeSpan.FromSeconds(2));

        clock.WaitForAssertion(() => clock.Find("[data-testid=callback-clock]").TextContent.Should().StartWith("Same day: 13:58:58 left"));
        clock.Find("[data-testid=callback-clock]").ClassName.Should().Be("clock-ok");
    }

    [Fact]
    public void The_rest_are_due_24_hours_after_the_completion()
    {
        Render(Completed.AddHours(24)).Find("[data-testid=callback-clock]").TextContent.Should().StartWith("Within 24 hours: 23:59:00 left (by 12/2/2026");
    }

    [Fact]
    public void The_last_hour_warns_and_past_the_deadline_the_clock_shows_how_late()
    {
        var clock = Render(ShanghaiMidnight);

        _time.Advance(ShanghaiMidnight - _time.GetUtcNow() - TimeSpan.FromMinutes(30));
        clock.WaitForAssertion(() => clock.Find("[data-testid=callback-clock]").ClassName.Should().Be("clock-soon"));
        _time.Advance(TimeSpan.FromMinutes(35));

        clock.WaitForAssertion(() => clock.Find("[data-testid=callback-clock]").TextContent
            .Should().Be("Same day: overdue by 0:05:00 (was due the end of 12/1/2026)"));
        clock.Find("[data-testid=callback-clock]").ClassName.Should().Be("clock-late");
    }
}
