using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>
/// Billing's dunning reached the butler-visit step for a unit: the butler gets a visit task to arrange. While such a
/// task is still open, a later escalation updates its figures instead of adding a second one.
/// </summary>
public sealed class DunningEscalatedToVisitConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<DunningEscalatedToVisit, ReceptionDbContext>(db, time)
{
    public const string CreatedBy = "system:billing-dunning";

    protected override async Task HandleAsync(DunningEscalatedToVisit message, CancellationToken cancellationToken)
    {
        // Billing only knows units from our registry: an unknown one is a fault to look at, so the message goes to the error queue.
        if (!await Db.Units.AnyAsync(u => u.Id == message.UnitId && u.EstateId == message.EstateId, cancellationToken))
        {
            throw new InvalidOperationException($"Unit '{message.UnitId}' of estate '{message.EstateId}' is not in the registry.");
        }

        var open = await Db.ButlerVisits.FirstOrDefaultAsync(
            v => v.UnitId == message.UnitId && v.Kind == ButlerVisitKind.DunningFollowUp && v.Status != ButlerVisitStatus.Completed, cancellationToken);
        if (open is not null)
        {
            open.UpdateArrears(message.OwnerId, message.ArrearsAmount, message.Currency, message.DunningStep);
            return;
        }

        Db.ButlerVisits.Add(ButlerVisit.DunningTask(
            message.EstateId, message.UnitId, message.OwnerId, message.ArrearsAmount, message.Currency, message.DunningStep, CreatedBy, Time.GetUtcNow()));
    }
}
