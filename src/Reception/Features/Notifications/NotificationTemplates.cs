using System.Text.RegularExpressions;

namespace PropertyPlatform.Reception.Features.Notifications;

/// <summary>A notification every estate can send: its data fields and the group's default wording per language.</summary>
public sealed record TemplateDefinition(string Key, string[] Fields, IReadOnlyDictionary<string, TemplateText> Defaults);

public sealed record TemplateText(string Subject, string Body);

/// <summary>
/// The catalogue of notification templates. A service that asks for a new kind of message adds its key here with the
/// fields it sends and the group's wording in every language; an estate may then word it its own way.
/// </summary>
public static partial class NotificationTemplates
{
    public const string ParcelArrived = "parcel-arrived";
    public const string MessageAnswered = "message-answered";
    public const string NoticePublished = "notice-published";

    /// <summary>Staff: a butler's patrol found something serious; the CS supervisor on duty follows it up.</summary>
    public const string SeriousPatrolFinding = "serious-patrol-finding";

    /// <summary>security-gate: a visitor to the owner's unit has been let in (registered at the gate, or on the owner's pass).</summary>
    public const string VisitorArrived = "visitor-arrived";

    public const string RenovationApproved = "renovation-approved";
    public const string RenovationRejected = "renovation-rejected";
    public const string RenovationInspected = "renovation-inspected";
    public const string RenovationAccepted = "renovation-accepted";
    public const string AppointmentProposed = "appointment-proposed";
    public const string BillIssued = "bill-issued";
    public const string PaymentReceived = "payment-received";

    public static readonly IReadOnlyList<string> Languages = ["zh", "en"];

    public static readonly IReadOnlyDictionary<string, TemplateDefinition> All = new TemplateDefinition[]
    {
        new(ParcelArrived, ["carrier", "trackingNumber", "shelf", "parcelId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("您有快递待取", "您的{carrier}快递（单号 {trackingNumber}）已到前台，请到 {shelf} 号货架领取。"),
            ["en"] = new("A parcel is waiting for you", "A parcel from {carrier} ({trackingNumber}) is waiting for you at the front desk, shelf {shelf}."),
        }),
        new(MessageAnswered, ["subject", "messageId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("前台已回复您的留言", "前台已回复您的留言“{subject}”。"),
            ["en"] = new("The front desk answered you", "The front desk answered your message \"{subject}\"."),
        }),
        new(SeriousPatrolFinding, ["place", "finding", "patrolRecordId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("巡查发现严重问题", "{place}：{finding}。请立即跟进。"),
            ["en"] = new("Serious patrol finding", "{place}: {finding}. Please follow it up now."),
        }),
        new(NoticePublished, ["title", "body", "noticeId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("通知：{title}", "{body}"),
            ["en"] = new("Notice: {title}", "{body}"),
        }),
        new(VisitorArrived, ["visitorName", "purpose", "arrivedAt", "visitId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("访客已到达", "您的访客 {visitorName} 已于 {arrivedAt} 进入小区。{purpose}"),
            ["en"] = new("Your visitor has arrived", "Your visitor {visitorName} entered the estate at {arrivedAt}. {purpose}"),
        }),
        new(RenovationApproved, ["contractor", "plannedStart", "plannedEnd", "permitId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("装修申请已批准", "您的装修申请（施工单位：{contractor}）已批准，工期 {plannedStart} 至 {plannedEnd}。请将装修许可证张贴在门口。"),
            ["en"] = new("Renovation permit approved", "Your renovation by {contractor} is approved from {plannedStart} to {plannedEnd}. Please post the permit at the door."),
        }),
        new(RenovationRejected, ["contractor", "reason", "permitId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("装修申请未获批准", "您的装修申请（施工单位：{contractor}）未获批准：{reason}"),
            ["en"] = new("Renovation permit refused", "Your renovation by {contractor} was not approved: {reason}"),
        }),
        new(RenovationInspected, ["result", "findings", "permitId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("装修巡查结果：{result}", "装修巡查结果：{result}。{findings}"),
            ["en"] = new("Renovation inspection: {result}", "Renovation inspection: {result}. {findings}"),
        }),
        new(RenovationAccepted, ["permitId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("装修已验收", "您的装修已通过验收，感谢您的配合。"),
            ["en"] = new("Renovation accepted", "Your renovation has been accepted. Thank you for your cooperation."),
        }),
        new(AppointmentProposed, ["startsAt", "endsAt", "appointmentId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("维修上门时间待确认", "维修师傅可于 {startsAt} 至 {endsAt} 上门，请在应用中确认或另约时间。"),
            ["en"] = new("Please confirm the repair visit", "A technician can come from {startsAt} to {endsAt}. Please confirm in the app or choose another time."),
        }),
        new(BillIssued, ["unitNumber", "feeItem", "period", "amount", "currency", "dueOn", "billId", "credited", "leftToPay"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("{period} 账单已出", "您的房屋 {unitNumber} {period} 的 {feeItem} 账单为 {amount} {currency}，预存款已抵扣 {credited} {currency}，请于 {dueOn} 前缴纳余下的 {leftToPay} {currency}。"),
            ["en"] = new("Your bill for {period}", "The {feeItem} bill of unit {unitNumber} for {period} is {amount} {currency}; your credit paid {credited} {currency}, and {leftToPay} {currency} is due by {dueOn}."),
        }),
        new(PaymentReceived, ["unitNumber", "amount", "currency", "method", "receiptNumber", "receivedAt", "paymentId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("缴费成功", "已收到房屋 {unitNumber} 的缴费 {amount} {currency}（{method}），收据号 {receiptNumber}，时间 {receivedAt}。"),
            ["en"] = new("Payment received", "We received {amount} {currency} ({method}) for unit {unitNumber} at {receivedAt}. Receipt number {receiptNumber}."),
        }),
        new("parts-low-stock", ["partCode", "partName", "onHand", "unit", "reorderLevel", "partId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("备件库存不足：{partCode}", "备件 {partName}（{partCode}）库存 {onHand} {unit}，已低于补货线 {reorderLevel} {unit}，请安排补货。"),
            ["en"] = new("Low stock: {partCode}", "{partName} ({partCode}) is down to {onHand} {unit}, below its reorder level of {reorderLevel} {unit}. Please reorder."),
        }),
        new("security-emergency", ["kind", "severity", "location", "description", "reportedAt", "incidentId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("紧急事件：{kind}", "{location} 发生紧急事件（{kind}，{severity}）：{description}。上报时间 {reportedAt}，请立即处置。"),
            ["en"] = new("Emergency: {kind}", "Emergency at {location} ({kind}, {severity}): {description}. Reported at {reportedAt}; respond now."),
        }),
        new("arrears-reminder", ["unitNumber", "amount", "currency", "oldestDueOn"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("物业费欠费提醒", "您的房屋 {unitNumber} 有逾期未缴费用 {amount} {currency}（最早应于 {oldestDueOn} 缴纳），请尽快缴纳。如有疑问请联系物业服务中心。"),
            ["en"] = new("Overdue fees reminder", "Unit {unitNumber} has {amount} {currency} overdue (the oldest was due on {oldestDueOn}). Please pay soon, or contact the service centre if anything is unclear."),
        }),
        new("payment-notice", ["period", "total", "currency", "dueOn", "items", "noticeId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("{period} 缴费通知", "您本期应缴费用合计 {total} {currency}，请于 {dueOn} 前缴纳。明细：\n{items}"),
            ["en"] = new("Payment notice for {period}", "You have {total} {currency} to pay by {dueOn}. The items and how they were computed:\n{items}"),
        }),
        new("assessment-shortfall", ["clerkName", "week", "assessments", "required", "staffId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("书面考核不足：{clerkName}", "前台文员 {clerkName} 在 {week} 起的一周内只有 {assessments} 次书面考核（每周至少 {required} 次），请督促主管落实。"),
            ["en"] = new("Too few written assessments: {clerkName}", "Front-desk clerk {clerkName} was assessed in writing {assessments} time(s) in the week starting {week}; at least {required} a week are required. Please follow it up with the supervisors."),
        }),
        new("fire-check-failed", ["kind", "severity", "location", "description", "reportedAt", "incidentId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("消防检查未通过：{location}", "{location} 的{kind}：{description}。检查时间 {reportedAt}，请立即处理。"),
            ["en"] = new("Fire check failed: {location}", "{kind} at {location}: {description}. Checked at {reportedAt}; act on it now."),
        }),
        new("security-deadline-missed", ["kind", "severity", "location", "description", "reportedAt", "incidentId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("安保任务超时：{kind}", "{location}：{kind}，{description}（{severity}）。请跟进并安排补做。"),
            ["en"] = new("Missed: {kind}", "{location}: {kind}. {description} ({severity}) Please follow it up and have it done."),
        }),
        new("dismissal-proposed", ["staffName", "breachNumber", "breach", "occurredOn", "staffId", "proposalId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("辞退建议待决定：{staffName}", "{staffName} 第 {breachNumber} 次违纪（{occurredOn}：{breach}），按纪律规定提出辞退建议，请您审核决定。"),
            ["en"] = new("Dismissal proposed: {staffName}", "{staffName} breached the rules again (breach {breachNumber}, {occurredOn}: {breach}); under the discipline ladder a dismissal is proposed for your decision."),
        }),
        new("certification-expiring", ["staffName", "duty", "validUntil", "daysLeft", "staffId", "certificationId"], new Dictionary<string, TemplateText>
        {
            ["zh"] = new("上岗资格即将到期：{staffName}", "{staffName} 的“{duty}”上岗资格将于 {validUntil} 到期（还剩 {daysLeft} 天），请安排复训和考核；到期后不能上岗。"),
            ["en"] = new("Certification expiring: {staffName}", "{staffName}'s certification for {duty} ends on {validUntil} ({daysLeft} days left). Plan the renewal training and exam: without it they cannot be on duty."),
        }),
    }.ToDictionary(t => t.Key, StringComparer.Ordinal);

    /// <summary>The <c>{field}</c> names a template text uses.</summary>
    public static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    /// <summary>Fills <paramref name="text"/> from <paramref name="data"/>; a field the data lacks is named in the exception.</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> data) =>
        Placeholder().Replace(text, match => data.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new TemplateDataMissingException(match.Groups[1].Value));

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();
}

public sealed class TemplateDataMissingException(string field) : Exception($"The request carried no '{field}', which the template needs.")
{
    public string Field { get; } = field;
}
