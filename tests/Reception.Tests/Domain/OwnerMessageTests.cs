using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class OwnerMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static OwnerMessage NewMessage() =>
        OwnerMessage.Write(Guid.NewGuid(), Guid.NewGuid(), "Noise at night", "The neighbours drill after 22:00.", "owner-1", "Zhang Min", Now);

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
        var followUp = message.FollowUp("It happened again.", "owner-1", "Zhang Min", Now.AddDays(1));
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
        var followUp = () => NewMessage().FollowUp("Me too", "owner-2", "Another owner", Now.AddHours(1));

        followUp.Should().Throw<InvalidOperationException>();
    }
}
