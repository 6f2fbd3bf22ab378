using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Benchmarks;

/// <summary>
/// Seeds billing's registry copy through its own domain and EF model (no interceptors: audit rows of the seed are not
/// what is measured): an estate with its calendar, an approved management-fee rate, and units with a floor area, an
/// owner and a resident. One unit in twenty moved in on the 11th of the billed month, so the run prorates as well.
/// </summary>
public sealed class RegistrySeeder(string connectionString)
{
    public const string TimeZoneId = "Asia/Shanghai";
    public const string Currency = "CNY";

    private BillingDbContext NewContext()
    {
        var db = new BillingDbContext(
            new DbContextOptionsBuilder<BillingDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options, EstateScope.System);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return db;
    }

    /// <summary>The first day of last month in the estate: a whole month that has begun and ended.</summary>
    public static DateOnly LastMonth()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId)).DateTime);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    public async Task<(Guid EstateId, Rate Rate, List<BillableUnit> Units)> SeedAsync(int units, DateOnly period, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var estateId = Guid.CreateVersion7();
        var rate = Rate.Propose(estateId, FeeItem.ManagementFee, 2.85m, Currency, period.AddYears(-1), "benchmark-manager", now);
        rate.Approve("benchmark-admin", now);
        await using (var db = NewContext())
        {
            var calendar = KnownEstateCalendar.Unknown(estateId);
            calendar.Apply(now, $"Benchmark estate {estateId:N}", TimeZoneId, Currency,
                [.. Enumerable.Range(1, 6).Select(d => new EstateWorkingDay((DayOfWeek)d, new(8, 30), new(17, 30)))]);
            db.Add(calendar);
            db.Rates.Add(rate);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        var seeded = new List<BillableUnit>(units);
        const int batch = 5_000;
        for (var start = 0; start < units; start += batch)
        {
            await using var db = NewContext();
            for (var i = start; i < Math.Min(units, start + batch); i++)
            {
                var unit = BillableUnit.Unknown(Guid.CreateVersion7(), estateId);
                unit.ApplyRegistered(now, $"{i / 1000 + 1}-{i % 1000 + 1:0000}", 50m + i % 10_000 / 100m);
                unit.ApplyOwner(now, Guid.NewGuid());
                unit.ApplyMovedIn(Guid.NewGuid(), i % 20 == 0 ? period.AddDays(10) : period.AddYears(-2));
                db.Units.Add(unit);
                seeded.Add(unit);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        await using (var db = NewContext())
        {
            // The steady state autovacuum keeps: statistics for the run's queries.
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
        }

        return (estateId, rate, seeded);
    }
}
