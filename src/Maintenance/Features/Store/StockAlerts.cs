using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Store;

/// <summary>
/// Every stock-book entry goes through here, so a part that falls below its reorder level is told to the estate's
/// maintenance supervisors (reception's staff notifications, in the same save) once, when it crosses the line, not at
/// every further issue.
/// </summary>
public static class StockAlerts
{
    /// <summary>Reception's template key (its catalogue holds the wording).</summary>
    [NotificationTemplate]
    public const string LowStockTemplate = "parts-low-stock";

    /// <summary>Applies <paramref name="entry"/> to the part, adds the entry to the book and, if the part just went low, the alert.</summary>
    public static async Task<StockMovement?> PostAsync(
        MaintenanceDbContext db, SparePart part, Func<SparePart, StockMovement?> entry, TimeProvider time, CancellationToken cancellationToken)
    {
        var wasLow = part.IsLow;
        var movement = entry(part);
        if (movement is not null)
        {
            db.StockMovements.Add(movement);
        }

        await AfterChangeAsync(db, part, wasLow, time.GetUtcNow(), cancellationToken);
        return movement;
    }

    /// <summary>Queues the low-stock alert when <paramref name="part"/> has just fallen below its reorder level.</summary>
    public static async Task AfterChangeAsync(MaintenanceDbContext db, SparePart part, bool wasLow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (wasLow || !part.IsLow)
        {
            return;
        }

        foreach (var supervisor in await SupervisorsAsync(db, part.EstateId, cancellationToken))
        {
            db.AddIntegrationEvent(new NotificationRequested(
                Guid.CreateVersion7(now), now, part.EstateId, part.Id, "staff", supervisor, LowStockTemplate,
                new Dictionary<string, string>
                {
                    ["partCode"] = part.Code,
                    ["partName"] = part.Name,
                    ["onHand"] = part.OnHand.ToString(CultureInfo.InvariantCulture),
                    ["reorderLevel"] = part.ReorderLevel.ToString(CultureInfo.InvariantCulture),
                    ["unit"] = part.Unit,
                    ["partId"] = part.Id.ToString(),
                },
                "normal"));
        }
    }

    /// <summary>The estate's maintenance supervisors still employed, from hr-training's staff events (their position).</summary>
    private static async Task<List<Guid>> SupervisorsAsync(MaintenanceDbContext db, Guid estateId, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.EstateIds.Contains(estateId) && s.LastDay == null)
            .Select(s => new { s.StaffId, s.Position })
            .ToListAsync(cancellationToken);
        return [.. staff.Where(s => IsMaintenanceSupervisor(s.Position)).Select(s => s.StaffId)];
    }

    /// <summary>Positions are typed in hr-training ("Maintenance supervisor", "maintenance-supervisor"): compared loosely.</summary>
    public static bool IsMaintenanceSupervisor(string position) =>
        string.Equals(position.Trim().Replace(' ', '-'), PlatformRoles.MaintenanceSupervisor, StringComparison.OrdinalIgnoreCase);
}
