using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Maintenance.Benchmarks;

/// <summary>
/// Seeds through maintenance's own domain and EF model (no interceptors: audit rows are not what is measured): estates
/// with a calendar, technicians of one trade working in every estate, certified and on a shift around now, and open
/// work orders dispatched across them and the estates, plus orders still waiting for dispatch.
/// </summary>
public sealed class DispatchSeeder(string connectionString)
{
    public const string Trade = Trades.Plumbing;

    private static readonly Actor Seeder = new("benchmark-seeder", "Benchmark seeder");

    private MaintenanceDbContext NewContext()
    {
        var db = new MaintenanceDbContext(
            new DbContextOptionsBuilder<MaintenanceDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options, EstateScope.System);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return db;
    }

    public async Task<(Guid[] Estates, Guid[] Technicians, Guid[] Waiting)> SeedAsync(int estates, int technicians, int openOrders, int waiting, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var estateIds = Enumerable.Range(0, estates).Select(_ => Guid.NewGuid()).ToArray();
        var technicianIds = Enumerable.Range(0, technicians).Select(_ => Guid.NewGuid()).ToArray();
        var days = Enum.GetValues<DayOfWeek>().Select(d => new EstateWorkingDay(d, new(0, 0), new(23, 59))).ToArray();
        var calendar = WorkOrderDeadlines.AroundTheClock;
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        await using (var db = NewContext())
        {
            foreach (var estateId in estateIds)
            {
                var known = KnownEstateCalendar.Unknown(estateId);
                known.Apply(now, $"Benchmark estate {estateId:N}", "Etc/UTC", "CNY", days);
                db.Add(known);
            }

            for (var i = 0; i < technicians; i++)
            {
                var staff = KnownStaffMember.Unknown(technicianIds[i], estateIds[0]);
                staff.ApplyProfile(now, estateIds[i % estates], $"Technician {i:000}", "technician", [Trade], estateIds);
                staff.ApplyHired(now);
                db.Staff.Add(staff);
                var certification = KnownCertification.Unknown(Guid.NewGuid(), estateIds[0], technicianIds[i], Trade, post: null);
                certification.Apply(now, CertificationState.Valid, today.AddMonths(6));
                db.Certifications.Add(certification);
                foreach (var estateId in estateIds)
                {
                    db.DutyShifts.Add(KnownDutyShift.On(estateId, today, technicianIds[i], "day", now.AddHours(-2), now.AddHours(10), null, null));
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        const int batch = 2_000;
        for (var start = 0; start < openOrders; start += batch)
        {
            await using var db = NewContext();
            for (var i = start; i < Math.Min(openOrders, start + batch); i++)
            {
                var order = WorkOrder.ByStaff(estateIds[i % estates], Guid.NewGuid(), null, Trade, $"Seeded order {i}", WorkOrderUrgency.Normal, false, null, null,
                    now.AddSeconds(-i), Guid.NewGuid(), calendar, Seeder);
                order.Dispatch(technicianIds[i % technicians], $"Technician {i % technicians:000}", Trade, Seeder, now.AddSeconds(-i));
                db.WorkOrders.Add(order);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        var waitingIds = new List<Guid>();
        await using (var db = NewContext())
        {
            for (var i = 0; i < waiting; i++)
            {
                var order = WorkOrder.ByStaff(estateIds[i % estates], Guid.NewGuid(), null, Trade, $"Waiting order {i}", WorkOrderUrgency.Urgent, false, null, null,
                    now, Guid.NewGuid(), calendar, Seeder);
                waitingIds.Add(order.Id);
                db.WorkOrders.Add(order);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            // The steady state autovacuum keeps: statistics, and a visibility map so index-only scans skip the heap.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
        }

        return (estateIds, technicianIds, [.. waitingIds]);
    }
}
