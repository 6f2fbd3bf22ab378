namespace PropertyPlatform.Web.Api;

/// <summary>One open item of a unit's account at billing (billing's OpenItemResponse).</summary>
public sealed record OpenItemView(Guid Id, string FeeItem, string Description, decimal Amount, decimal Outstanding, DateOnly DueOn, string Source, Guid SourceId);

/// <summary>A unit's account as the counter sees it (billing's AccountResponse).</summary>
public sealed record AccountView(Guid UnitId, Guid EstateId, string UnitNumber, Guid? OwnerId, string Currency, decimal Balance, decimal Credit, IReadOnlyList<OpenItemView> OpenItems);

public sealed record AllocationView(Guid ReceivableId, decimal Amount);

/// <summary>A payment with its receipt number (billing's PaymentResponse; reversal and refunds only when read one by one, not in lists).</summary>
public sealed record PaymentView(
    Guid Id, Guid EstateId, Guid UnitId, decimal Amount, string Currency, string Method, string ReceiptNumber, DateTimeOffset ReceivedAt, string ReceivedBy,
    IReadOnlyList<AllocationView> Allocations, decimal Unallocated, DateTimeOffset? ReversedAt = null, string? ReversalReason = null, decimal Refunded = 0m);

/// <summary>What the counter sends (billing's CounterPaymentCommand).</summary>
public sealed record CounterPaymentBody(Guid? UnitId, decimal? Amount, string? Method);

public sealed record CashDepositView(Guid Id, decimal Amount, string BankSlipRef, string RecordedBy, DateTimeOffset DepositedAt);

/// <summary>One cashier's day reconciled (billing's CashierDayResponse).</summary>
public sealed record CashierDayView(
    Guid EstateId, DateOnly Day, string Cashier, string Currency, int Payments, IReadOnlyList<string> ReceiptNumbers, decimal Cash, decimal Card, decimal Deposited,
    decimal CashNotDeposited, DateTimeOffset? DepositDueAt, bool? DepositMet, bool DepositBreached, IReadOnlyList<CashDepositView> Deposits,
    DateTimeOffset? HandedOverAt, string? HandedOverBy, decimal? HandoverDifference, string? HandoverExplanation);

public sealed record CashierDaysView(Guid EstateId, DateOnly Day, string Currency, IReadOnlyList<CashierDayView> Cashiers);

/// <summary>A deposit of the day's cash (billing's CashDepositCommand; the cashier is the caller).</summary>
public sealed record CashDepositBody(Guid EstateId, string Day, decimal? Amount, string? BankSlipRef);

/// <summary>The day handed over to finance (billing's HandoverCommand; the cashier is the caller).</summary>
public sealed record CashierHandoverBody(Guid EstateId, string Day, string? Explanation);

/// <summary>A charge the cashier raises on the unit (billing's StaffChargeCommand): fee item other or paid-service; due today when <c>DueOn</c> is left out.</summary>
public sealed record StaffChargeBody(Guid UnitId, string? FeeItem, decimal? Amount, string? Description, DateOnly? DueOn);

/// <summary>A charge as billing booked it (billing's ChargeResponse).</summary>
public sealed record ChargeView(Guid Id, Guid EstateId, Guid UnitId, string FeeItem, string Description, decimal Amount, string Currency, DateOnly DueOn, DateTimeOffset BookedAt);

/// <summary>What a meter showed (billing's MeterReadingCommand): water or electricity, on the estate-local day yyyy-MM-dd.</summary>
public sealed record MeterReadingBody(string? Meter, decimal? Reading, string? ReadOn);

/// <summary>A meter reading as billing keeps it (billing's MeterReadingResponse).</summary>
public sealed record MeterReadingView(
    Guid Id, Guid EstateId, Guid UnitId, string Meter, decimal Reading, string UnitOfMeasure, DateOnly ReadOn, string Source, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A parking space rented to the unit (billing's RentParkingSpaceCommand): estate-local days, both rented; no <c>Until</c> while it runs.</summary>
public sealed record RentParkingSpaceBody(string? Space, string? From, string? Until);

/// <summary>The last day rented of a rental (billing's EndParkingRentalCommand).</summary>
public sealed record EndParkingRentalBody(string? Until);

/// <summary>A parking rental (billing's ParkingRentalResponse).</summary>
public sealed record ParkingRentalView(
    Guid Id, Guid EstateId, Guid UnitId, string Space, DateOnly From, DateOnly? Until, string RentedBy, DateTimeOffset RentedAt, string? EndedBy, DateTimeOffset? EndedAt);

/// <summary>Money paid back on a payment (billing's RefundCommand): cash, card, online or direct-debit; at most what is refundable.</summary>
public sealed record RefundBody(decimal? Amount, string? Method, string? Reason);

/// <summary>A refund as billing booked it (billing's RefundResponse).</summary>
public sealed record RefundView(
    Guid Id, Guid PaymentId, Guid UnitId, decimal Amount, string Currency, string Method, string Reason, string RefundedBy, DateTimeOffset RefundedAt, decimal StillRefundable);

/// <summary>A payment taken in error undone by the estate manager (billing's ReversalCommand).</summary>
public sealed record ReversalBody(string? Reason);
