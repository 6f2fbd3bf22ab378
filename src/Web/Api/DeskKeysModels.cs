namespace PropertyPlatform.Web.Api;

/// <summary>A key in the desk's custody as reception's <c>/keys</c> returns it: a unit's or a common area's.</summary>
public sealed record KeyView(Guid Id, Guid EstateId, string Label, Guid? UnitId, string? Area, bool IsOut, Guid? CurrentLoanId, DateTimeOffset RegisteredAt);

/// <summary>One time a key went out (reception's <c>/keys/out</c>, <c>/keys/{id}/loans</c>).</summary>
public sealed record KeyLoanView(
    Guid Id,
    Guid KeyId,
    Guid EstateId,
    string KeyLabel,
    string IssuedTo,
    string Purpose,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpectedReturnAt,
    string IssuedBy,
    DateTimeOffset? ReturnedAt,
    string? ReturnedTo,
    string? ReturnNote,
    bool Overdue);

/// <summary>Reception's RegisterKeyCommand: exactly one of a unit and a common area.</summary>
public sealed record RegisterKeyBody(Guid? EstateId, string? Label, Guid? UnitId, string? Area);

/// <summary>Reception's IssueKeyCommand.</summary>
public sealed record IssueKeyBody(string? IssuedTo, string? Purpose, DateTimeOffset? ExpectedReturnAt);

/// <summary>Reception's ReturnKeyCommand.</summary>
public sealed record ReturnKeyBody(string? Note);
