using PropertyPlatform.Contracts.SecurityGate;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>
/// A security patrol's finding that needs reception becomes a customer request; one that needs a repair is a repair
/// request, which maintenance turns into a work order.
/// </summary>
public sealed class PatrolFindingReportedConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<PatrolFindingReported, ReceptionDbContext>(db, time)
{
    protected override async Task HandleAsync(PatrolFindingReported message, CancellationToken cancellationToken)
    {
        if (!message.NeedsReception)
        {
            return;
        }

        await SecurityGateRequests.OpenAsync(
            Db, message.EstateId, message.UnitId, message.NeedsRepair ? RequestCategory.Repair : RequestCategory.Other, Urgency.Normal,
            $"Security patrol at {message.Location}: {message.Description}", Time.GetUtcNow(), message.CorrelationId, cancellationToken);
    }
}
