using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Http;

namespace PropertyPlatform.Maintenance.Features.Store;

/// <summary>
/// The store's side of a completion's parts used. The latest completion says what the order used in all (a rework lists
/// the whole job again), so each part's net draw for the order is settled to that: more is issued, less is returned,
/// and a part drawn before but no longer listed goes back to the store.
/// </summary>
public sealed class WorkOrderParts
{
    private readonly Dictionary<SparePart, decimal> _used;

    private WorkOrderParts(IReadOnlyList<PartUsed> used, Dictionary<SparePart, decimal> fromStore)
    {
        Used = used;
        _used = fromStore;
    }

    /// <summary>The parts as recorded on the order, store parts named as the catalogue names them.</summary>
    public IReadOnlyList<PartUsed> Used { get; }

    /// <summary>Looks the coded parts up in the estate's store (tracked, for the issue); an unknown code is a 400 naming the line.</summary>
    public static async Task<WorkOrderParts> ResolveAsync(MaintenanceDbContext db, Guid estateId, IReadOnlyList<PartUsed> parts, CancellationToken cancellationToken)
    {
        var codes = parts.Where(p => p.Code is not null).Select(p => p.Code!).Distinct().ToList();
        var catalogue = codes.Count == 0 ? []
            : await db.SpareParts.IgnoreQueryFilters().Where(p => p.EstateId == estateId && codes.Contains(p.Code)).ToListAsync(cancellationToken);
        var errors = new InputErrors();
        var used = new List<PartUsed>();
        var fromStore = new Dictionary<SparePart, decimal>();
        for (var i = 0; i < parts.Count; i++)
        {
            var line = parts[i];
            if (line.Code is null)
            {
                used.Add(line);
                continue;
            }

            var part = catalogue.SingleOrDefault(p => p.Code == line.Code);
            if (part is null)
            {
                errors.Add($"parts[{i}].code", $"No part {line.Code} in this estate's store.");
                continue;
            }

            used.Add(line with { Name = line.Name.Length > 0 ? line.Name : part.Name });
            fromStore[part] = fromStore.GetValueOrDefault(part) + line.Quantity;
        }

        errors.ThrowIfAny();
        return new WorkOrderParts(used, fromStore);
    }

    /// <summary>Adds the issue and return entries that bring the order's net draw of each part to what it used.</summary>
    public async Task IssueAsync(MaintenanceDbContext db, Guid workOrderId, Actor by, TimeProvider time, CancellationToken cancellationToken)
    {
        var drawn = await db.StockMovements.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.WorkOrderId == workOrderId)
            .GroupBy(m => m.PartId)
            .Select(g => new { PartId = g.Key, Drawn = -g.Sum(m => m.Quantity) })
            .ToDictionaryAsync(d => d.PartId, d => d.Drawn, cancellationToken);
        var noLongerUsed = drawn.Keys.Where(id => _used.Keys.All(p => p.Id != id)).ToList();
        var parts = _used.Keys.Concat(noLongerUsed.Count == 0 ? []
            : await db.SpareParts.IgnoreQueryFilters().Where(p => noLongerUsed.Contains(p.Id)).ToListAsync(cancellationToken));
        foreach (var part in parts.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            var used = _used.GetValueOrDefault(part);
            await StockAlerts.PostAsync(db, part, p => p.SettleWorkOrder(workOrderId, drawn.GetValueOrDefault(part.Id), used, by, time.GetUtcNow()), time, cancellationToken);
        }
    }
}
