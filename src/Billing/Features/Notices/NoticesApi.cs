using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Notices;

/// <summary>Issue the month's payment notices of an estate: <c>period</c> yyyy-MM.</summary>
public sealed record IssueNoticesCommand(Guid? EstateId, string? Period);

public sealed record PaymentNoticeResponse(
    Guid Id, Guid OwnerId, string Period, decimal Total, string Currency, DateOnly DueOn, NoticeLine[] Lines, string DeliveryStatus, DateTimeOffset IssuedAt,
    NoticeDelivery[] Deliveries);

public sealed record IssuedNoticesResponse(Guid EstateId, string Period, int Issued, int AlreadyIssued, PaymentNoticeResponse[] Notices);

/// <summary>
/// Payment notices: one per owner and month, listing every open item of the owner's units (amount, due date, and the
/// fee breakdown of a bill's lines), sent through reception's notifications (<c>NotificationRequested</c>). Issuing
/// again sends nothing twice. Reception reports each channel's outcome (<c>NotificationDeliveryReported</c>): the
/// delivery status is <c>sent</c> once any channel reached the owner, <c>failed</c> while every reported one failed.
/// </summary>
public static class NoticesApi
{
    public static RouteGroupBuilder MapNoticesApi(this RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/notices").WithTags("Notices");
        notices.MapPost("/", Issue).RequireRoles(BillingRoles.EstateManagers);
        notices.MapGet("/", List).RequireRoles(BillingRoles.Readers);
        return api;
    }

    public static async Task<Ok<IssuedNoticesResponse>> Issue(
        IssueNoticesCommand command, BillingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var period = errors.Month(command.Period, "period");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return TypedResults.Ok(await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({$"notices|{estateId}|{period:yyyy-MM}"}, 0))", ct);
            var issued = await db.PaymentNotices.Where(n => n.EstateId == estateId && n.Period == period).Select(n => n.OwnerId).ToListAsync(ct);
            var units = await db.Units.AsNoTracking().Where(u => u.EstateId == estateId && u.OwnerId != null).Select(u => new { u.UnitId, u.Number, u.OwnerId })
                .ToDictionaryAsync(u => u.UnitId, ct);
            var open = await Arrears.OpenItemsAsOf.QueryAsync(db, estateId, null, DateTimeOffset.MaxValue, ct);
            var billIds = open.Where(i => i.Source == Receivable.BillingSource).Select(i => i.SourceId).ToList();
            var bills = await db.Bills.AsNoTracking().Where(b => billIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
            var receivables = await db.Receivables.AsNoTracking().Where(r => r.EstateId == estateId).Select(r => new { r.Id, r.Description })
                .ToDictionaryAsync(r => r.Id, r => r.Description, ct);
            var created = new List<PaymentNotice>();
            foreach (var owner in open.Where(i => units.ContainsKey(i.UnitId)).GroupBy(i => units[i.UnitId].OwnerId!.Value).Where(g => !issued.Contains(g.Key)))
            {
                var lines = owner.OrderBy(i => i.DueOn).ThenBy(i => units[i.UnitId].Number, StringComparer.Ordinal).Select(i => new NoticeLine(
                    i.ReceivableId, units[i.UnitId].Number, i.FeeItem.Name(), receivables[i.ReceivableId], i.Outstanding, i.DueOn,
                    Explain(i, bills.GetValueOrDefault(i.SourceId), receivables[i.ReceivableId], estate.Currency))).ToList();
                var notice = new PaymentNotice
                {
                    Id = Guid.CreateVersion7(now), EstateId = estateId, OwnerId = owner.Key, Period = period, Total = lines.Sum(l => l.Outstanding),
                    Currency = estate.Currency, DueOn = lines.Min(l => l.DueOn), Lines = lines, NotificationEventId = Guid.CreateVersion7(now), IssuedAt = now,
                    IssuedBy = scope.Account(),
                };
                db.PaymentNotices.Add(notice);
                db.AddIntegrationEvent(new NotificationRequested(
                    notice.NotificationEventId, now, estateId, correlation.CorrelationId, "owner", owner.Key, BillingNotifications.PaymentNotice,
                    new Dictionary<string, string>
                    {
                        ["period"] = period.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                        ["total"] = BillingRounding.Format(notice.Total, notice.Currency),
                        ["currency"] = notice.Currency,
                        ["dueOn"] = notice.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["items"] = string.Join('\n', lines.Select(l => string.Create(CultureInfo.InvariantCulture,
                            $"{l.UnitNumber} {l.FeeItem}: {BillingRounding.Format(l.Outstanding, notice.Currency)} {notice.Currency}, due {l.DueOn:yyyy-MM-dd} ({l.Explanation})"))),
                        ["noticeId"] = notice.Id.ToString(),
                    },
                    "normal"));
                created.Add(notice);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new IssuedNoticesResponse(estateId, $"{period:yyyy-MM}", created.Count, issued.Count, [.. created.Select(ToResponse)]);
        }, cancellationToken));
    }

    /// <summary>The month's notices of an estate, or one owner's.</summary>
    public static async Task<Ok<PaymentNoticeResponse[]>> List(BillingDbContext db, Guid? estateId, string? period, Guid? ownerId, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var month = errors.Month(period, "period");
        errors.ThrowIfAny();
        var notices = await db.PaymentNotices.AsNoTracking().Where(n => n.EstateId == estate && n.Period == month && (ownerId == null || n.OwnerId == ownerId))
            .OrderBy(n => n.OwnerId).ToListAsync(cancellationToken);
        return TypedResults.Ok(notices.Select(ToResponse).ToArray());
    }

    /// <summary>How the amount came about: a bill's lines (rate × quantity × days), or the charge as its service described it.</summary>
    private static string Explain(Arrears.OpenItemAsOf item, Bill? bill, string description, string currency)
    {
        var paid = item.Amount - item.Outstanding;
        var breakdown = bill is null ? description : string.Join("; ", bill.Lines.Select(l => l.Explanation));
        return paid > 0m ? $"{breakdown}; {BillingRounding.Format(paid, currency)} {currency} already paid" : breakdown;
    }

    private static PaymentNoticeResponse ToResponse(PaymentNotice n) =>
        new(n.Id, n.OwnerId, $"{n.Period:yyyy-MM}", n.Total, n.Currency, n.DueOn, [.. n.Lines], n.DeliveryStatus, n.IssuedAt, [.. n.Deliveries]);
}
