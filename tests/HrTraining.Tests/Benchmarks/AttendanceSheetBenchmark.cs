using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Attendance;

namespace PropertyPlatform.HrTraining.Tests.Benchmarks;

/// <summary>
/// The monthly sheet and ranking at the size domain.md names (5,000 staff, 22 working days of sign-ins each), seeded
/// in SQL in one estate of its own; and proof that the sheet is computed set-based, in the same few queries whatever the
/// number of staff.
/// </summary>
public sealed class AttendanceSheetBenchmark(HrTrainingService hr)
{
    private static readonly DateOnly Month = new(2025, 3, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sheet_and_ranking_for_5000_staff_with_22_days_of_sign_ins_are_computed_and_their_times_reported()
    {
        var estate = Guid.NewGuid();
        var seeding = Stopwatch.StartNew();
        await SeedAsync(estate, staff: 5_000, days: 22);
        seeding.Stop();

        var (sheet, workbook, computing, writing) = await hr.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<HrTrainingDbContext>();
            var clock = Stopwatch.StartNew();
            var computed = await AttendanceSheets.ComputeAsync(db, estate, Month, DateTimeOffset.UtcNow, Ct);
            var computedIn = clock.Elapsed;
            clock.Restart();
            var xlsx = AttendanceSheets.ToWorkbook(computed);
            return (computed, xlsx, computedIn, clock.Elapsed);
        });

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Attendance sheet benchmark: 5,000 staff x 22 days = {sheet.Rows.Sum(r => r.Shifts):N0} shifts; seeded in {seeding.Elapsed.TotalSeconds:F1} s; " +
            $"sheet and ranking computed in {computing.TotalMilliseconds:F0} ms; XLSX ({workbook.Length / 1024:N0} KiB) written in {writing.TotalMilliseconds:F0} ms.");
        sheet.Rows.Should().HaveCount(5_000).And.OnlyContain(r => r.Shifts == 22);
        sheet.Ranking.Should().HaveCount(12);
        sheet.Rows.Sum(r => r.Absent).Should().BeGreaterThan(0);
        sheet.Rows.Sum(r => r.Late).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_sheet_takes_the_same_few_queries_for_three_people_as_for_sixty()
    {
        var small = Guid.NewGuid();
        var large = Guid.NewGuid();
        await SeedAsync(small, staff: 3, days: 2);
        await SeedAsync(large, staff: 60, days: 10);

        var forSmall = await CountQueriesAsync(small);
        var forLarge = await CountQueriesAsync(large);

        forLarge.Should().Be(forSmall).And.BeLessThanOrEqualTo(4);
    }

    private Task<int> CountQueriesAsync(Guid estate) => hr.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<HrTrainingDbContext>();
        using var counter = new CommandCounter(db);
        var sheet = await AttendanceSheets.ComputeAsync(db, estate, Month, DateTimeOffset.UtcNow, Ct);
        sheet.Rows.Should().NotBeEmpty();
        return counter.Count;
    });

    /// <summary>
    /// <paramref name="staff"/> people in departments of a dozen, rostered 08:00–17:30 Shanghai on the first
    /// <paramref name="days"/> days of the month; about 4 % of shifts not signed into, about 19 % late.
    /// </summary>
    private Task<bool> SeedAsync(Guid estate, int staff, int days) => hr.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<HrTrainingDbContext>();
        var lastOffset = days - 1;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO staff_members (id, estate_id, display_name, position, department, trades, estate_ids, starts_on, status, hired_at, updated_at)
            SELECT gen_random_uuid(), {estate}, 'Staff ' || n, 'clerk', 'Department ' || (n % 12), ARRAY[]::text[], ARRAY[{estate}]::uuid[], DATE '2020-01-01', 'Active', now(), now()
            FROM generate_series(1, {staff}) AS n
            """, Ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO duty_rosters (id, estate_id, day, published_at, published_by)
            SELECT gen_random_uuid(), {estate}, {Month} + d, now(), 'benchmark' FROM generate_series(0, {lastOffset}) AS d
            """, Ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO duty_shifts (id, roster_id, estate_id, day, staff_id, staff_name, shift, starts_at, ends_at, kind, name, assigned_at, assigned_by, published_at)
            SELECT gen_random_uuid(), r.id, r.estate_id, r.day, s.id, s.display_name, 'day',
                   (r.day + TIME '08:00') AT TIME ZONE 'Asia/Shanghai', (r.day + TIME '17:30') AT TIME ZONE 'Asia/Shanghai',
                   'Post', 'front-desk', now(), 'benchmark', now()
            FROM duty_rosters r JOIN staff_members s ON s.estate_id = r.estate_id
            WHERE r.estate_id = {estate}
            """, Ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO attendance_records (id, estate_id, shift_id, staff_id, day, sign_in_by, sign_out_from, signed_in_at, sign_in_device,
                                            minutes_late, signed_out_at, minutes_early)
            SELECT gen_random_uuid(), x.estate_id, x.id, x.staff_id, x.day, x.sign_in_by, x.ends_at,
                   x.sign_in_by + make_interval(mins => x.r - 80), 'device-' || x.staff_id, greatest(0, x.r - 80), x.ends_at + INTERVAL '5 minutes', 0
            FROM (SELECT sh.*, sh.starts_at + INTERVAL '20 minutes' AS sign_in_by, abs(hashtext(sh.id::text)) % 100 AS r
                  FROM duty_shifts sh WHERE sh.estate_id = {estate}) AS x
            WHERE x.r >= 4
            """, Ct);
        return true;
    });

    /// <summary>Counts the SQL commands one context sends, from EF Core's diagnostic events.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext _context;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public CommandCounter(DbContext context)
        {
            _context = context;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => _count;

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data && ReferenceEquals(data.Context, _context))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
