using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class CallbackRulesTests
{
    private static readonly DateTimeOffset Done = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static CustomerRequest CompletedRepair(Urgency urgency = Urgency.Normal)
    {
        var request = CustomerRequest.Record(
            Guid.NewGuid(), Guid.NewGuid(), RequestChannel.App, RequestCategory.Repair, urgency, "Leak", "Li", null, "owner", Shanghai,
            Done.AddHours(-3), Guid.NewGuid());
        var workOrderId = Guid.NewGuid();
        request.MarkRouted(workOrderId, Done.AddHours(-3).AddMinutes(2));
        request.MarkWorkOrderCompleted(workOrderId, Done, Guid.NewGuid(), "Wang the plumber", chargeable: false);
        return request;
    }

    [Fact]
    public void An_urgent_repair_is_called_back_within_24_hours_of_the_work_around_the_clock()
    {
        var callback = Callback.Open(CompletedRepair(Urgency.Urgent), CallbackSelection.Repair, null, Shanghai, Done);

        callback.Due.DueAt.Should().Be(Done.AddHours(24));
        callback.Policy.Should().Be(Callback.Deadline);
    }

    [Fact]
    public void An_ordinary_repair_is_called_back_the_same_estate_local_day_never_later_than_24_hours()
    {
        // Done at 17:00 in Shanghai: due by midnight there, 7 hours later.
        var callback = Callback.Open(CompletedRepair(), CallbackSelection.Repair, null, Shanghai, Done);

        callback.Due.DueAt.Should().Be(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(8)));
        callback.Policy.Should().Be(Callback.SameDayDeadline);
        (callback.Due.DueAt - Done).Should().BeLessThanOrEqualTo(TimeSpan.FromHours(24));
    }

    [Theory]
    [InlineData(5, 5, 5, true)]
    [InlineData(3, 3, 3, true)]
    [InlineData(5, 2, 5, false)]
    [InlineData(1, 4, 4, false)]
    [InlineData(4, 4, 2, false)]
    public void A_requester_scoring_2_or_less_on_any_of_attitude_quality_and_speed_is_dissatisfied(int attitude, int quality, int speed, bool satisfied)
    {
        var callback = Callback.Open(CompletedRepair(), CallbackSelection.Repair, null, Shanghai, Done);

        callback.Complete(attitude, quality, speed, null, null, "clerk", Done.AddHours(2)).Should().Be(satisfied);
        callback.Satisfied.Should().Be(satisfied);
        callback.WithinDeadline.Should().BeTrue();
    }

    [Fact]
    public void A_callback_is_made_once()
    {
        var callback = Callback.Open(CompletedRepair(), CallbackSelection.Repair, null, Shanghai, Done);
        callback.Complete(5, 5, 5, null, null, "clerk", Done.AddHours(1));

        var again = () => callback.Complete(1, 1, 1, null, null, "clerk", Done.AddHours(2));

        again.Should().Throw<ConflictException>();
    }

    [Fact]
    public void A_completed_request_reopens_and_counts_the_reopen_but_an_open_one_cannot()
    {
        var request = CompletedRepair();

        request.Reopen();

        request.Status.Should().Be(RequestStatus.Reopened);
        request.ReopenCount.Should().Be(1);
        request.CompletedAt.Should().BeNull();
        var twice = () => request.Reopen();
        twice.Should().Throw<ConflictException>();
    }

    [Fact]
    public void A_repair_is_routed_by_its_work_order_not_by_the_desk()
    {
        var request = CustomerRequest.Record(
            Guid.NewGuid(), null, RequestChannel.Phone, RequestCategory.Repair, Urgency.Normal, "Lift stuck", "Li", null, "clerk", Shanghai, Done, Guid.NewGuid());

        var route = () => request.RouteTo(Department.Maintenance, null, Done.AddMinutes(1));

        route.Should().Throw<ConflictException>();
    }

    [Fact]
    public void The_sample_draw_is_a_function_of_the_request_id_alone()
    {
        var id = Guid.NewGuid();

        CallbackSampler.Draw(id).Should().Be(CallbackSampler.Draw(id)).And.BeInRange(0, CallbackSampler.DrawRange - 1);
    }

    [Fact]
    public void At_least_10_percent_of_eligible_requests_are_sampled_at_every_moment_and_far_from_all_of_them()
    {
        var tally = CallbackSampleTally.StartFor(Guid.NewGuid(), new DateOnly(2026, 11, 1));
        var random = new Random(20261123);
        for (var i = 1; i <= 2_000; i++)
        {
            var id = new Guid(random.NextBytes(16));
            var sampled = CallbackSampler.Decide(id, tally, CallbackSampler.Rate, out var draw);

            if (draw < 1_000)
            {
                sampled.Should().BeTrue("a draw under the rate is always sampled");
            }

            tally.Sampled.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(0.10m * i), $"after {i} eligible requests");
        }

        tally.Eligible.Should().Be(2_000);
        tally.Sampled.Should().BeLessThan(300, "the sample is about a tenth, not everything");
    }

    [Fact]
    public void A_rate_the_estate_manager_raised_is_kept_at_every_moment()
    {
        var tally = CallbackSampleTally.StartFor(Guid.NewGuid(), new DateOnly(2026, 12, 1));
        for (var i = 1; i <= 400; i++)
        {
            CallbackSampler.Decide(Guid.NewGuid(), tally, 0.25m, out _);
            tally.Sampled.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(0.25m * i), $"after {i} eligible requests");
        }
    }

    [Fact]
    public void The_same_requests_in_the_same_order_are_sampled_the_same_way()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();

        bool[] Run()
        {
            var tally = CallbackSampleTally.StartFor(Guid.Empty, new DateOnly(2026, 11, 1));
            return [.. ids.Select(id => CallbackSampler.Decide(id, tally, CallbackSampler.Rate, out _))];
        }

        Run().Should().Equal(Run());
    }
}

internal static class RandomExtensions
{
    public static byte[] NextBytes(this Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
