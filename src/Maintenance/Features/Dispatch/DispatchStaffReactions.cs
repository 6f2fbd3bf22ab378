using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Maintenance.Features.Dispatch;

/// <summary>
/// When hr-training takes a technician off work, dispatch stops offering them at once (it reads the read model), and the
/// open work orders they hold are flagged for re-dispatch so the supervisor hands them to someone who may do them.
/// </summary>
public sealed class DispatchStaffReactions : IStaffChangeReactions<MaintenanceDbContext>
{
    /// <summary>A lapsed trade certification flags the person's open orders of that trade; a gate post's is security-gate's.</summary>
    public Task CertificationLapsedAsync(MaintenanceDbContext db, KnownCertification certification, DateTimeOffset now, CancellationToken cancellationToken) =>
        Trades.Normalize(certification.Trade) is { } trade
            ? FlagOpenWorkOrdersAsync(db, certification.StaffId, trade,
                $"The technician's {trade} certification was {certification.State.ToString().ToLowerInvariant()}"
                + $"{(certification.RevokedReason is { } reason ? $": {reason}" : "")}.", now, cancellationToken)
            : Task.CompletedTask;

    public Task EmploymentEndedAsync(MaintenanceDbContext db, Guid staffId, DateOnly lastDay, DateTimeOffset now, CancellationToken cancellationToken) =>
        FlagOpenWorkOrdersAsync(db, staffId, trade: null, $"The technician's employment ends (last day {lastDay:yyyy-MM-dd}).", now, cancellationToken);

    /// <summary>Flags the person's open work orders (of <paramref name="trade"/>, or all) for re-dispatch.</summary>
    private static async Task FlagOpenWorkOrdersAsync(
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
