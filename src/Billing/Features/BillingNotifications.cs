using PropertyPlatform.Contracts.Notifications;

namespace PropertyPlatform.Billing.Features;

/// <summary>The template keys billing asks reception to send (reception's catalogue holds their wording and fields).</summary>
internal static class BillingNotifications
{
    /// <summary>Fields: unitNumber, feeItem, period, amount, currency, dueOn, billId, credited (what the unit's credit paid at posting), leftToPay.</summary>
    [NotificationTemplate]
    public const string BillIssued = "bill-issued";

    /// <summary>Fields: unitNumber, amount, currency, method, receiptNumber, receivedAt, paymentId.</summary>
    [NotificationTemplate]
    public const string PaymentReceived = "payment-received";

    /// <summary>Fields: unitNumber, amount, currency, oldestDueOn, channel (sms or phone: how the owner is reminded).</summary>
    [NotificationTemplate]
    public const string ArrearsReminder = "arrears-reminder";

    /// <summary>Fields: period, total, currency, dueOn, items (one line per item: unit, fee item, amount, due date, breakdown), noticeId.</summary>
    [NotificationTemplate]
    public const string PaymentNotice = "payment-notice";
}
