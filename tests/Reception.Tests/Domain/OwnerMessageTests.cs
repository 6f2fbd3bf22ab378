using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class OwnerMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An estate in Shanghai (UTC+8) whose online service is staffed 08:00–22:00 every day.</summary>
    private static readonly EstateCalendar OnlineService = Estate.Create(
        Guid.NewGuid(), "North Garden", "Asia/Shanghai", "CNY", new(8, 30), new(17, 30), [DayOfWeek.Monday], Now).OnlineServiceCalendar();

    private static OwnerMessage NewMessage(DateTimeOffset? at = null) =>
        OwnerMessage.Write(Guid.NewGuid(), Guid.NewGuid(), "Noise at night", "The neighbours drill after 22:00.", "owner-1", "Zhang Min", OnlineService, at ?? Now);

    [Fact]
    public void A_new_message_waits_for_the_desk()
    {
        var message = NewMessage();

        message.AwaitingReply.Should().BeTrue();
        message.FirstAnsweredAt.Should().BeNull();
    }

    [Fact]
    public void The_desks_answer_ends_the_wait_and_the_owners_follow_up_starts_it_again()
    {
        var message = NewMessage();

        var answer = message.Answer("We will speak to them today.", "clerk-1", "Clerk Li", Now.AddHours(1));
        message.AwaitingReply.Should().BeFalse();
        var followUp = message.FollowUp("It happened again.", "owner-1", "Zhang Min", OnlineService, Now.AddDays(1));
        message.AwaitingReply.Should().BeTrue();
        message.Answer("Sorry, we have warned them in writing.", "clerk-2", "Clerk Wu", Now.AddDays(1).AddHours(1));

        answer.From.Should().Be(MessageAuthor.FrontDesk);
        followUp.From.Should().Be(MessageAuthor.Owner);
        message.FirstAnsweredAt.Should().Be(Now.AddHours(1), "the first answer time stays");
        message.LastPostAt.Should().Be(Now.AddDays(1).AddHours(1));
        message.ReplyCount.Should().Be(3);
        message.AwaitingReply.Should().BeFalse();
    }

    [Fact]
    public void Only_the_owner_who_wrote_follows_the_thread_up()
    {
        var followUp = () => NewMessage().FollowUp("Me too", "owner-2", "Another owner", OnlineService, Now.AddHours(1));

        followUp.Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00+08:00", "2026-11-23T10:05:00+08:00")]
    [InlineData("2026-11-23T21:58:00+08:00", "2026-11-24T08:03:00+08:00")]
    [InlineData("2026-11-23T23:30:00+08:00", "2026-11-24T08:05:00+08:00")]
    [InlineData("2026-11-24T06:00:00+08:00", "2026-11-24T08:05:00+08:00")]
    public void An_owners_message_is_due_an_answer_within_5_staffed_minutes_and_after_hours_by_the_next_morning(string writtenAt, string dueAt)
    {
        var message = NewMessage(DateTimeOffset.Parse(writtenAt, System.Globalization.CultureInfo.InvariantCulture));

        message.Answering!.DueAt.Should().Be(DateTimeOffset.Parse(dueAt, System.Globalization.CultureInfo.InvariantCulture));
        message.Answering.Policy.Should().Be(OwnerMessage.AnswerRule.Name);
    }

    [Fact]
    public void The_answer_stops_the_clock_and_a_follow_up_after_it_starts_a_new_one_but_not_while_the_first_still_waits()
    {
        var message = NewMessage();
        var first = message.Answering!;

        message.FollowUp("Any news?", "owner-1", "Zhang Min", OnlineService, Now.AddMinutes(1));
        message.Answering.Should().BeSameAs(first, "the owner's first question still waits for its answer");
        message.Answer("On it.", "clerk-1", "Clerk Li", Now.AddMinutes(3));
        first.CompletedAt.Should().Be(Now.AddMinutes(3));
        message.FollowUp("It happened again.", "owner-1", "Zhang Min", OnlineService, Now.AddHours(2));

        message.Answering.Should().NotBeSameAs(first);
        message.Answering!.DueAt.Should().Be(Now.AddHours(2).AddMinutes(5));
    }
}
