using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Consumers;

/// <summary>
/// The butler reported the dunning visit billing asked for: its outcome goes on the visit step of the unit's arrears, the
/// reason the owner gave becomes the arrears' reason, and a dispute goes on to reception as a complaint. A visit billing
/// never asked for (no butler-visit step) is logged and left alone: there is no arrears case to record it on.
/// </summary>
public sealed class DunningVisitRecordedConsumer(BillingDbContext db, TimeProvider time, ILogger<DunningVisitRecordedConsumer> logger)
    : IdempotentConsumer<DunningVisitRecorded, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(DunningVisitRecorded message, CancellationToken cancellationToken)
    {
        var arrears = await Db.ArrearsCases.Include(c => c.Actions).Include(c => c.Reasons)
            .Where(c => c.UnitId == message.UnitId && c.Actions.Any(a => a.Step == DunningStep.ButlerVisit))
            .OrderBy(c => c.ClosedAt != null).ThenByDescending(c => c.OpenedAt).FirstOrDefaultAsync(cancellationToken);
        if (arrears is null)
        {
            logger.LogWarning("Reception reported dunning visit {VisitId} of unit {UnitId}, which billing has no butler-visit step for", message.VisitId, message.UnitId);
            return;
        }

        arrears.Actions.Single(a => a.Step == DunningStep.ButlerVisit).RecordOutcome(message.VisitId, message.Outcome, message.VisitedAt);
        if (string.IsNullOrWhiteSpace(message.ArrearsReason))
        {
            return;
        }

        var given = message.ArrearsReason.Trim();
        var reason = Enum.TryParse<ArrearsReason>(given, ignoreCase: true, out var known) && !given.Any(char.IsDigit) ? known : ArrearsReason.Other;
        var text = $"Given at the butler visit ({message.Outcome}): {given}";
        var entry = arrears.Record(reason, text, ArrearsReasonEntry.VisitSource, $"reception:visit:{message.VisitId}", Time.GetUtcNow());
        if (reason == ArrearsReason.Dispute)
        {
            var currency = await Db.Set<KnownEstateCalendar>().AsNoTracking().Where(c => c.EstateId == message.EstateId).Select(c => c.Currency)
                .SingleAsync(cancellationToken);
            var open = await OpenItemsAsOf.QueryAsync(Db, message.EstateId, message.UnitId, DateTimeOffset.MaxValue, cancellationToken);
            Disputes.Announce(Db, entry, message.UnitId, message.OwnerId, open, currency, text, message.CorrelationId, Time.GetUtcNow());
        }
    }
}
