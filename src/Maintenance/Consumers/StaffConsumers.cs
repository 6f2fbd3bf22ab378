using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Consumers;

/// <summary>hr-training hired someone: they join maintenance's staff read model (off dispatch until certified and on duty).</summary>
public sealed class StaffHiredConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<StaffHired, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(StaffHired message, CancellationToken cancellationToken)
    {
        var staff = await StaffReadModel.FindOrAddAsync(Db, message.StaffId, message.EstateId, cancellationToken);
        staff.ApplyProfile(message.OccurredAt, message.EstateId, message.DisplayName, message.Position, message.Trades, message.EstateIds);
        staff.ApplyHired(message.OccurredAt);
    }
}

/// <summary>A staff member's trades, position or estates changed: the whole new profile replaces an older one.</summary>
public sealed class StaffChangedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<StaffChanged, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(StaffChanged message, CancellationToken cancellationToken)
    {
        var staff = await StaffReadModel.FindOrAddAsync(Db, message.StaffId, message.EstateId, cancellationToken);
        staff.ApplyProfile(message.OccurredAt, message.EstateId, message.DisplayName, message.Position, message.Trades, message.EstateIds);
    }
}

/// <summary>The employment ended: off dispatch, and the person's open work orders wait for another technician.</summary>
public sealed class EmploymentEndedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<EmploymentEnded, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(EmploymentEnded message, CancellationToken cancellationToken)
    {
        var staff = await StaffReadModel.FindOrAddAsync(Db, message.StaffId, message.EstateId, cancellationToken);
        if (staff.ApplyEnded(message.OccurredAt, message.LastDay))
        {
            await StaffReadModel.FlagOpenWorkOrdersAsync(Db, message.StaffId, trade: null,
                $"The technician's employment ends (last day {message.LastDay:yyyy-MM-dd}).", Time.GetUtcNow(), cancellationToken);
        }
    }
}

internal static class StaffReadModel
{
    /// <summary>The person's row; a placeholder when this is the first event about them (an end or a certification may overtake the hire).</summary>
    public static async Task<StaffMember> FindOrAddAsync(MaintenanceDbContext db, Guid staffId, Guid estateId, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.StaffId == staffId, cancellationToken);
        if (staff is null)
        {
            staff = StaffMember.Unknown(staffId, estateId);
            db.Staff.Add(staff);
        }

        return staff;
    }

    /// <summary>Flags the person's open work orders (of <paramref name="trade"/>, or all) for re-dispatch.</summary>
    public static async Task FlagOpenWorkOrdersAsync(
        MaintenanceDbContext db, Guid staffId, string? trade, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.WorkOrders
            .Where(w => w.TechnicianId == staffId && WorkOrder.Open.Contains(w.Status) && (trade == null || w.Trade == trade))
            .ToListAsync(cancellationToken);
        foreach (var workOrder in open)
        {
            workOrder.FlagForRedispatch(reason, now);
        }
    }
}
