using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;
using PropertyPlatform.Web.Components.Pages.Desk.Complaints;

namespace PropertyPlatform.Web.Tests;

public sealed class ComplaintDeadlineTests : EnglishComponentTest
{
    /// <summary>10:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Recorded = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Recorded.AddMinutes(1));

    public ComplaintDeadlineTests() => Context.Services.AddSingleton<TimeProvider>(_time);

    private static ComplaintView Complaint(
        string status, DateTimeOffset deadlineAt, bool paused = false, bool breached = false, int escalationLevel = 0, TimeSpan? remaining = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), null, Guid.NewGuid(), "Li", null, "Noise at night", status, Recorded, null, null, null, null,
            status == "Assigned" ? deadlineAt : null, paused, breached, null, null, null, null, null, [], deadlineAt, remaining, escalationLevel);

    private IRenderedComponent<ComplaintDeadline> Render(ComplaintView complaint) =>
        Context.Render<ComplaintDeadline>(deadline => deadline
            .Add(d => d.Complaint, complaint)
            .Add(d => d.Estate, new EstateTime("Asia/Shanghai")));

    private static string Clock(IRenderedComponent<ComplaintDeadline> rendered) => rendered.Find("[data-testid=complaint-deadline]").TextContent;

    [Fact]
    public void Until_it_is_assigned_a_complaint_counts_down_its_requests_5_minute_routing_deadline_in_estate_time()
    {
        var rendered = Render(Complaint("Recorded", Recorded.AddMinutes(5)));
        Clock(rendered).Should().StartWith("Route within 5 minutes: 0:04:00 left (by 12/1/2026 10:05");

        _time.Advance(TimeSpan.FromSeconds(2));

        rendered.WaitForAssertion(() => Clock(rendered).Should().StartWith("Route within 5 minutes: 0:03:58 left"));
        rendered.Find("[data-testid=complaint-deadline]").ClassName.Should().Be("clock-ok");
    }

    [Fact]
    public void An_assigned_complaint_past_its_resolution_deadline_shows_how_late_and_is_marked_breached_and_escalated()
    {
        var rendered = Render(Complaint("Assigned", Recorded.AddMinutes(-90), breached: true, escalationLevel: 2));

        Clock(rendered).Should().StartWith("Resolve: overdue by 1:31:00 (was due 12/1/2026 8:30");
        rendered.Find("[data-testid=complaint-deadline]").ClassName.Should().Be("clock-late");
        rendered.Find("[data-testid=breached]").TextContent.Should().Contain("Deadline breached");
        rendered.Find("[data-testid=escalated]").TextContent.Should().Contain("escalated to the estate manager");
    }

    [Fact]
    public void A_paused_deadline_shows_the_working_time_left_and_no_clock_colour()
    {
        var rendered = Render(Complaint("Assigned", Recorded.AddHours(-1), paused: true, remaining: TimeSpan.FromHours(3)));

        Clock(rendered).Should().Be("Paused: 3:00:00 of working time left");
        rendered.Find("[data-testid=complaint-deadline]").ClassName.Should().BeNullOrEmpty();
        rendered.FindAll("[data-testid=breached]").Should().BeEmpty();
    }
}
