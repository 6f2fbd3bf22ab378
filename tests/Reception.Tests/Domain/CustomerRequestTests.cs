using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class CustomerRequestTests
{
    private static readonly DateTimeOffset Intake = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static CustomerRequest NewRequest() => CustomerRequest.Record(
        Guid.NewGuid(), Guid.NewGuid(), RequestChannel.Phone, RequestCategory.Repair, Urgency.Normal,
        "  Kitchen tap leaking  ", "Li Wei", "13800001234", "clerk-1", Shanghai, Intake, Guid.NewGuid());

    [Fact]
    public void A_request_must_be_routed_within_5_minutes_of_intake()
    {
        NewRequest().Routing.DueAt.Should().Be(Intake.AddMinutes(5));
    }

    [Fact]
    public void An_unrouted_request_breaches_once_the_5_minutes_pass()
    {
        var request = NewRequest();

        request.RoutingBreached(Intake.AddMinutes(5)).Should().BeFalse();
        request.RoutingBreached(Intake.AddMinutes(5).AddSeconds(1)).Should().BeTrue();
    }

    [Fact]
    public void A_request_routed_in_time_never_breaches_afterwards()
    {
        var request = NewRequest();
        request.MarkRouted(Guid.NewGuid(), Intake.AddMinutes(4));

        request.Status.Should().Be(RequestStatus.Routed);
        request.RoutingBreached(Intake.AddDays(1)).Should().BeFalse();
    }

    [Fact]
    public void A_request_routed_late_stays_a_breach()
    {
        var request = NewRequest();
        request.MarkRouted(Guid.NewGuid(), Intake.AddMinutes(6));

        request.RoutingBreached(Intake.AddMinutes(6)).Should().BeTrue();
    }

    [Fact]
    public void Routing_twice_keeps_the_first_work_order_and_time()
    {
        var request = NewRequest();
        var first = Guid.NewGuid();
        request.MarkRouted(first, Intake.AddMinutes(1));
        request.MarkRouted(Guid.NewGuid(), Intake.AddMinutes(2));

        request.WorkOrderId.Should().Be(first);
        request.Routing.CompletedAt.Should().Be(Intake.AddMinutes(1));
    }

    [Fact]
    public void Text_is_stored_trimmed()
    {
        NewRequest().Description.Should().Be("Kitchen tap leaking");
    }

    [Fact]
    public void Feedback_is_due_by_the_end_of_the_estates_local_day_even_for_a_request_taken_late_in_the_evening()
    {
        // 23:30 in Shanghai is 15:30 UTC: half an hour left to answer, not a UTC day.
        var lateEvening = new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero);
        var request = CustomerRequest.Record(Guid.NewGuid(), null, RequestChannel.Phone, RequestCategory.Inquiry, Urgency.Normal,
            "Is the gym open tomorrow?", "Wang", null, "clerk-1", Shanghai, lateEvening, Guid.NewGuid());

        request.Feedback.DueAt.Should().Be(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero));
        request.FeedbackBreached(lateEvening.AddMinutes(29)).Should().BeFalse();
        request.FeedbackBreached(lateEvening.AddMinutes(31)).Should().BeTrue();
    }

    [Fact]
    public void Feedback_given_in_time_is_met_and_cannot_be_given_twice()
    {
        var request = NewRequest();

        request.GiveFeedback("A plumber comes at 14:00", Intake.AddHours(1)).Should().BeTrue();
        request.GiveFeedback("Again", Intake.AddHours(2)).Should().BeFalse();

        request.Feedback.Met.Should().BeTrue();
        request.FeedbackNote.Should().Be("A plumber comes at 14:00");
        request.FeedbackBreached(Intake.AddDays(3)).Should().BeFalse();
    }
}
