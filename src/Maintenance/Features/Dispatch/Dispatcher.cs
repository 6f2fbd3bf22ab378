using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Features.Dispatch;

/// <summary>
/// Reads what dispatch needs from maintenance's copy of hr-training's data (staff, certifications, the duty roster) and
/// the open work orders, and ranks the people with <see cref="DispatchRanking"/>. Every query runs on an index: staff by
/// estate (GIN), certifications by person and trade, shifts by estate and time, workload by technician and status.
/// </summary>
public static class Dispatcher
{
    /// <summary>How long a proposed visit lasts, at most.</summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromHours(2);

    /// <summary>Everyone working in the order's estate, ranked for <paramref name="trade"/> at <paramref name="now"/>, with the reasons.</summary>
    public static async Task<IReadOnlyList<DispatchCandidate>> CandidatesAsync(
        MaintenanceDbContext db, WorkOrder workOrder, string trade, EstateCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var estateId = workOrder.EstateId;
        var today = LocalDay(calendar, now);
        // Maintenance's copy of hr-training's staff list: a person working here may belong to another home estate (the row's
        // estate), and the counts of their work elsewhere reveal nothing but numbers. The caller's access to the work order's
        // estate was checked before.
        var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.EstateIds.Contains(estateId))
            .ToListAsync(cancellationToken);
        var ids = staff.Select(s => s.StaffId).ToList();
        var certifications = await db.Certifications.IgnoreQueryFilters().AsNoTracking()
            .Where(c => ids.Contains(c.StaffId) && c.Trade == trade)
            .ToListAsync(cancellationToken);
        var shifts = await db.DutyShifts.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.EstateId == estateId && s.StartsAt <= now && s.EndsAt > now && ids.Contains(s.StaffId))
            .ToListAsync(cancellationToken);
        var workload = await db.WorkOrders.IgnoreQueryFilters()
            .Where(w => w.TechnicianId != null && ids.Contains(w.TechnicianId.Value) && WorkOrder.Open.Contains(w.Status) && w.Id != workOrder.Id)
            .GroupBy(w => new { w.TechnicianId, w.EstateId })
            .Select(g => new { g.Key.TechnicianId, g.Key.EstateId, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Looked up per person: with hundreds of people a scan of every list per person would be quadratic.
        var certificationsOf = certifications.ToLookup(c => c.StaffId);
        var shiftsOf = shifts.ToLookup(s => s.StaffId);
        var workloadOf = workload.ToLookup(l => l.TechnicianId);
        var facts = staff.Select(person =>
        {
            var best = certificationsOf[person.StaffId]
                .OrderByDescending(c => c.ValidOn(today)).ThenByDescending(c => c.ValidUntil).ThenByDescending(c => c.AsOf)
                .FirstOrDefault();
            var shift = shiftsOf[person.StaffId].Where(s => s.Covers(trade)).OrderByDescending(s => s.EndsAt).FirstOrDefault();
            var open = workloadOf[person.StaffId].ToList();
            return new CandidateFacts(
                person.StaffId,
                person.DisplayName,
                person.EmployedOn(today),
                person.LastDay,
                person.Trades.Contains(trade),
                best is null ? null : new TradeCertificationFact(best.State, best.ValidUntil, best.ValidOn(today)),
                shift is null ? null : new DutyShiftFact(shift.Shift, shift.StartsAt, shift.EndsAt),
                open.Sum(l => l.Count),
                open.Where(l => l.EstateId != estateId).Sum(l => l.Count));
        });
        return DispatchRanking.Rank(trade, facts);
    }

    /// <summary>
    /// The earliest visit nobody-free-now can offer: the start of the next shift in the estate of an employed technician of
    /// the trade whose certification is still valid that day; failing any known shift, the estate's next working hour
    /// from an hour on.
    /// </summary>
    public static async Task<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> EarliestSlotAsync(
        MaintenanceDbContext db, WorkOrder workOrder, string trade, EstateCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var estateId = workOrder.EstateId;
        var upcoming = await db.DutyShifts.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.EstateId == estateId && s.StartsAt > now && s.Post == null && (s.Trade == null || s.Trade == trade))
            .OrderBy(s => s.StartsAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        var people = upcoming.Select(s => s.StaffId).Distinct().ToList();
        var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking().Where(s => people.Contains(s.StaffId)).ToListAsync(cancellationToken);
        var certifications = await db.Certifications.IgnoreQueryFilters().AsNoTracking()
            .Where(c => people.Contains(c.StaffId) && c.Trade == trade)
            .ToListAsync(cancellationToken);
        foreach (var shift in upcoming)
        {
            var day = LocalDay(calendar, shift.StartsAt);
            var person = staff.SingleOrDefault(s => s.StaffId == shift.StaffId);
            if (person is not null && person.EmployedOn(day) && person.Trades.Contains(trade)
                && certifications.Any(c => c.StaffId == shift.StaffId && c.ValidOn(day)))
            {
                var end = shift.StartsAt + SlotLength;
                return (shift.StartsAt, end < shift.EndsAt ? end : shift.EndsAt);
            }
        }

        var start = calendar.AddWorkingTime(now + TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)) - TimeSpan.FromMinutes(1);
        return (start, start + SlotLength);
    }

    /// <summary>How long after now a busy technician (on site at another order) is expected free for the next visit.</summary>
    public static readonly TimeSpan BusyFor = TimeSpan.FromHours(1);

    /// <summary>
    /// The visit a dispatch proposes to the owner: from now, or when <paramref name="technicianId"/> is busy (on site at
    /// another order) from <see cref="BusyFor"/> on, for <see cref="SlotLength"/>.
    /// </summary>
    public static async Task<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> VisitSlotAsync(
        MaintenanceDbContext db, WorkOrder workOrder, Guid technicianId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var busy = await db.WorkOrders.IgnoreQueryFilters()
            .AnyAsync(w => w.TechnicianId == technicianId && w.Status == WorkOrderStatus.OnSite && w.Id != workOrder.Id, cancellationToken);
        var start = busy ? now + BusyFor : now;
        return (start, start + SlotLength);
    }

    public static DateOnly LocalDay(EstateCalendar calendar, DateTimeOffset at) => DateOnly.FromDateTime(calendar.ToLocal(at).DateTime);
}
