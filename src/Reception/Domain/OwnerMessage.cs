using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

/// <summary>Who wrote a post in a message thread.</summary>
public enum MessageAuthor
{
    Owner,
    FrontDesk,
}

/// <summary>
/// An owner's message to the front desk about one of their units, and the thread of replies that follows it. It waits
/// for an answer whenever the owner spoke last; owners see only the threads they started.
/// </summary>
public sealed class OwnerMessage : IUnitScoped
{
    /// <summary>
    /// Online service: an owner's message is answered within 5 minutes of staffed time (the estate's online-service
    /// hours); one written after hours waits for the next morning's opening.
    /// </summary>
    public static readonly SlaPolicy AnswerRule = new(
        "online-answer-5-minutes", SlaTimeBasis.WorkingHours, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2), SlaPolicy.FrontDeskChain(TimeSpan.FromMinutes(30)));

    private OwnerMessage()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The owner's unit the message is about; always set.</summary>
    public Guid? UnitId { get; private set; }

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>The owner's account (token subject).</summary>
    public string WrittenBy { get; private set; } = "";

    public string WriterName { get; private set; } = "";

    public DateTimeOffset WrittenAt { get; private set; }

    /// <summary>The owner spoke last: the desk owes an answer.</summary>
    public bool AwaitingReply { get; private set; }

    public DateTimeOffset? FirstAnsweredAt { get; private set; }

    public DateTimeOffset LastPostAt { get; private set; }

    public int ReplyCount { get; private set; }

    /// <summary>The deadline for the desk's answer to the owner's latest post; none before this rule existed.</summary>
    public SlaClock? Answering { get; private set; }

    public uint Version { get; private set; }

    public static OwnerMessage Write(
        Guid estateId, Guid unitId, string subject, string body, string writtenBy, string writerName, EstateCalendar onlineService, DateTimeOffset at) => new()
    {
        Answering = SlaClock.Start(AnswerRule, onlineService, at),
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        Subject = subject.Trim(),
        Body = body.Trim(),
        WrittenBy = writtenBy,
        WriterName = writerName,
        WrittenAt = at,
        LastPostAt = at,
        AwaitingReply = true,
    };

    /// <summary>The desk answers: the thread no longer waits.</summary>
    public MessageReply Answer(string body, string author, string authorName, DateTimeOffset at)
    {
        var reply = AddReply(MessageAuthor.FrontDesk, body, author, authorName, at);
        AwaitingReply = false;
        Answering?.Complete(at);
        FirstAnsweredAt ??= at;
        return reply;
    }

    /// <summary>The owner writes again in their thread: it waits for the desk again.</summary>
    public MessageReply FollowUp(string body, string author, string authorName, EstateCalendar onlineService, DateTimeOffset at)
    {
        if (author != WrittenBy)
        {
            throw new InvalidOperationException("Only the owner who started the thread follows it up.");
        }

        var reply = AddReply(MessageAuthor.Owner, body, author, authorName, at);
        // A new question while the last one still waits keeps the first deadline; an answered thread starts a new one.
        if (!AwaitingReply || Answering is null)
        {
            Answering = SlaClock.Start(AnswerRule, onlineService, at);
        }

        AwaitingReply = true;
        return reply;
    }

    private MessageReply AddReply(MessageAuthor from, string body, string author, string authorName, DateTimeOffset at)
    {
        LastPostAt = at;
        ReplyCount++;
        return MessageReply.Post(this, from, body.Trim(), author, authorName, at);
    }
}

/// <summary>One post after the opening message of a thread, by the desk or the owner.</summary>
public sealed class MessageReply : IUnitScoped
{
    private MessageReply()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public Guid MessageId { get; private set; }

    public MessageAuthor From { get; private set; }

    public string Body { get; private set; } = "";

    /// <summary>The account (token subject) that wrote it.</summary>
    public string Author { get; private set; } = "";

    public string AuthorName { get; private set; } = "";

    public DateTimeOffset PostedAt { get; private set; }

    internal static MessageReply Post(OwnerMessage message, MessageAuthor from, string body, string author, string authorName, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = message.EstateId,
        UnitId = message.UnitId,
        MessageId = message.Id,
        From = from,
        Body = body,
        Author = author,
        AuthorName = authorName,
        PostedAt = at,
    };
}
