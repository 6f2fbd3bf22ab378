using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Consumers;

/// <summary>
/// An estate's duty roster for a day: it replaces the one maintenance holds for that estate and day, unless that one is
/// newer (a republished roster overtaken by an older copy arriving late).
/// </summary>
public sealed class DutyRosterPublishedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<DutyRosterPublished, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(DutyRosterPublished message, CancellationToken cancellationToken)
    {
        var roster = await Db.DutyRosters.SingleOrDefaultAsync(r => r.EstateId == message.EstateId && r.Day == message.Day, cancellationToken);
        if (roster is null)
        {
            roster = DutyRoster.Unknown(message.EstateId, message.Day);
            Db.DutyRosters.Add(roster);
        }

        if (!roster.Apply(message.OccurredAt))
        {
            return;
        }

        var replaced = await Db.DutyShifts.Where(s => s.EstateId == message.EstateId && s.Day == message.Day).ToListAsync(cancellationToken);
        Db.DutyShifts.RemoveRange(replaced);
        Db.DutyShifts.AddRange(message.Assignments.Select(a =>
            DutyShift.On(message.EstateId, message.Day, a.StaffId, a.Shift, a.StartsAt.ToUniversalTime(), a.EndsAt.ToUniversalTime(), a.Trade, a.Post)));
    }
}
