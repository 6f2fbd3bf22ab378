using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Features.Arrears;

/// <summary>A fee dispute becomes a complaint at reception: billing announces it, reception's consumer opens the complaint.</summary>
internal static class Disputes
{
    public static FeeDisputed Announce(
        BillingDbContext db, ArrearsReasonEntry dispute, Guid unitId, Guid? ownerId, IReadOnlyList<OpenItemAsOf> disputed, string currency, string text,
        Guid correlationId, DateTimeOffset now)
    {
        var disputedEvent = new FeeDisputed(
            Guid.CreateVersion7(now), now, dispute.EstateId, correlationId, dispute.Id, unitId, ownerId, [.. disputed.Select(i => i.ReceivableId)],
            [.. disputed.Where(i => i.Source == Receivable.BillingSource).Select(i => i.SourceId)], disputed.Sum(i => i.Outstanding), currency, text,
            dispute.RecordedBy);
        db.AddIntegrationEvent(disputedEvent);
        return disputedEvent;
    }
}
