namespace PropertyPlatform.Web.Api;

/// <summary>One bill of a unit (billing's BillResponse; its lines are not shown in the portal).</summary>
public sealed record BillView(Guid Id, Guid EstateId, Guid UnitId, string Period, string FeeItem, decimal Total, string Currency, DateOnly DueOn, DateTimeOffset IssuedAt);

/// <summary>What the owner sends to pay online (billing's ProviderPaymentCommand; <c>method</c> is <c>online</c>).</summary>
public sealed record OnlinePaymentBody(Guid? UnitId, decimal? Amount, string? Method);

/// <summary>An online payment at the provider (billing's ProviderPaymentResponse): <c>pending</c> until the provider calls back.</summary>
public sealed record OnlinePaymentView(
    Guid Id, Guid EstateId, Guid UnitId, decimal Amount, string Currency, string Method, string Provider, string Reference, string? RedirectUrl, string Status,
    string? FailureReason, Guid? PaymentId, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>A visitor pass an owner issues (security-gate's IssuePassCommand): a window of UTC instants and a number of entries.</summary>
public sealed record NewPassBody(Guid? EstateId, Guid? UnitId, string? VisitorName, string? Purpose, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? MaxUses);

/// <summary>A visitor pass with its signed token (security-gate's PassResponse): the token is what the QR code carries.</summary>
public sealed record PassView(
    Guid Id, Guid EstateId, Guid UnitId, string VisitorName, string? Purpose, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, int MaxUses, int Uses,
    DateTimeOffset? RevokedAt, string Token);
