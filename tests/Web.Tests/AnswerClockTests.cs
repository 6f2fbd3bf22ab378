using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Desk.Messages;

namespace PropertyPlatform.Web.Tests;

public sealed class AnswerClockTests : EnglishComponentTest
{
    /// <summary>10:00 in Shanghai, while the desk is staffed.</summary>
    private static readonly DateTimeOffset Written = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Written.AddSeconds(30));

    public AnswerClockTests() => Context.Services.AddSingleton<TimeProvider>(_time);

    private IRenderedComponent<AnswerClock> Render(DateTimeOffset? dueAt, bool breached = false) =>
        Context.Render<AnswerClock>(clock => clock
            .Add(c => c.DueAt, dueAt)
            .Add(c => c.Breached, breached)
            .Add(c => c.Estate, new EstateTime("Asia/Shanghai")));

    private static string Text(IRenderedComponent<AnswerClock> clock) => clock.Find("[data-testid=answer-clock]").TextContent;

    [Fact]
    public void Receptions_deadline_counts_down_every_second_with_its_estate_local_time()
    {
        var clock = Render(Written.AddMinutes(5));
        Text(clock).Should().Be("4:30 left (answer by 10:05)");

        _time.Advance(TimeSpan.FromSeconds(2));

        clock.WaitForAssertion(() => Text(clock).Should().Be("4:28 left (answer by 10:05)"));
        clock.Find("[data-testid=answer-clock]").ClassName.Should().Be("clock-ok");
    }

    [Fact]
    public void A_message_written_after_hours_is_due_when_the_desk_opens_not_counted_down_through_the_night()
    {
        // Written at 21:58 Shanghai: reception's clock counts staffed time only, so the answer is due at 08:03 next morning.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 13, 58, 0, TimeSpan.Zero));

        Text(Render(new DateTimeOffset(2026, 12, 2, 0, 3, 0, TimeSpan.Zero))).Should().StartWith("When the desk opens: answer by 12/2/2026 8:03");
    }

    [Fact]
    public void The_last_minute_warns_and_past_the_deadline_the_clock_shows_how_late()
    {
        var clock = Render(Written.AddMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(4));
        clock.WaitForAssertion(() => clock.Find("[data-testid=answer-clock]").ClassName.Should().Be("clock-soon"));
        _time.Advance(TimeSpan.FromMinutes(2));

        clock.WaitForAssertion(() => Text(clock).Should().Be("Overdue by 1:30 (was due 10:05)"));
        clock.Find("[data-testid=answer-clock]").ClassName.Should().Be("clock-late");
    }

    [Fact]
    public void A_breach_reception_recorded_shows_late_and_a_thread_without_a_deadline_says_so()
    {
        Render(Written.AddMinutes(5), breached: true).Find("[data-testid=answer-clock]").ClassName.Should().Be("clock-late");
        Text(Render(null)).Should().Be("No answer deadline");
    }
}
