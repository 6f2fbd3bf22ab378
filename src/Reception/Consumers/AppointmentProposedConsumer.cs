using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>
/// Maintenance proposed a visit time: it waits for the owner's (or the desk's) answer, the owners of the unit are told,
/// and an older proposal for the same work order is superseded. A proposal older than one already known arrives as
/// superseded itself, whatever the arrival order.
/// </summary>
public sealed class AppointmentProposedConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<AppointmentProposed, ReceptionDbContext>(db, time)
{
    protected override async Task HandleAsync(AppointmentProposed message, CancellationToken cancellationToken)
    {
        if (await Db.RepairAppointments.AnyAsync(a => a.Id == message.AppointmentId, cancellationToken))
        {
            return;
        }

        var appointment = RepairAppointment.Propose(
            message.AppointmentId, message.EstateId, message.UnitId, message.WorkOrderId, message.RequestId, message.Trade,
            message.StartsAt, message.EndsAt, message.OccurredAt);
        Db.RepairAppointments.Add(appointment);
        var others = await Db.RepairAppointments.Where(a => a.WorkOrderId == message.WorkOrderId).ToListAsync(cancellationToken);
        foreach (var older in others.Where(a => a.ProposedAt <= message.OccurredAt))
        {
            older.Supersede();
        }

        if (others.Any(a => a.ProposedAt > message.OccurredAt))
        {
            appointment.Supersede();
            return;
        }

        if (message.UnitId is { } unitId && await Db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == message.EstateId, cancellationToken) is { } estate)
        {
            var calendar = estate.Calendar();
            string Local(DateTimeOffset at) => calendar.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await Db.RequestForOwnersOfAsync(message.EstateId, [unitId], NotificationTemplates.AppointmentProposed, new Dictionary<string, string>
            {
                ["startsAt"] = Local(message.StartsAt),
                ["endsAt"] = Local(message.EndsAt),
                ["appointmentId"] = message.AppointmentId.ToString(),
            }, message.CorrelationId, Time.GetUtcNow(), cancellationToken);
        }
    }
}
