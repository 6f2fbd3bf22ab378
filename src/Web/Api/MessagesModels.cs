namespace PropertyPlatform.Web.Api;

/// <summary>
/// An owner's message thread as reception's <c>/messages</c> returns it; <see cref="AnswerDueAt"/> is reception's answer
/// deadline (5 minutes of the estate's staffed time), which the pages show and never recompute.
/// </summary>
public sealed record MessageView(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    string Subject,
    string Body,
    string WriterName,
    DateTimeOffset WrittenAt,
    bool AwaitingReply,
    DateTimeOffset? FirstAnsweredAt,
    DateTimeOffset LastPostAt,
    int ReplyCount,
    DateTimeOffset? AnswerDueAt,
    bool AnswerBreached);

/// <summary>A post after the opening message: <see cref="From"/> is <c>Owner</c> or <c>FrontDesk</c>.</summary>
public sealed record ReplyView(Guid Id, Guid MessageId, string From, string Body, string AuthorName, DateTimeOffset PostedAt);

/// <summary>Reception's WriteMessageCommand: an owner writes to the desk about one of their units.</summary>
public sealed record WriteMessageBody(Guid? EstateId, Guid? UnitId, string? Subject, string? Body);

/// <summary>Reception's ReplyCommand.</summary>
public sealed record ReplyBody(string? Body);

/// <summary>A notice as reception's <c>/notices</c> returns it; <see cref="Audience"/> is <c>Estate</c>, <c>Building</c> or <c>Unit</c>.</summary>
public sealed record NoticeView(
    Guid Id, Guid EstateId, string Audience, Guid? BuildingId, Guid? UnitId, string Title, string Body, DateTimeOffset PublishAt, DateTimeOffset? ExpiresAt,
    bool Showing);

/// <summary>Reception's PublishNoticeCommand, published now.</summary>
public sealed record PublishNoticeBody(Guid? EstateId, string? Audience, Guid? BuildingId, Guid? UnitId, string? Title, string? Body);

/// <summary>A building of an estate (reception's registry).</summary>
public sealed record BuildingView(Guid Id, Guid EstateId, string Code, string Name);
