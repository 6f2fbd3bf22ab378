using PropertyPlatform.ServiceDefaults.Data;
using System.Globalization;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.HrTraining.Features.Attendance;

/// <summary>
/// One person's month: shifts counted are those settled (signed into, or over); <c>OnTimeRate</c> is on-time sign-ins
/// over the shifts they were expected at (not on approved leave).
/// </summary>
public sealed record SheetRow(
    Guid StaffId, string Name, string Department, int Shifts, int Attended, int OnTime, int Late, int MinutesLate, int LeftEarly,
    int MissedSignOut, int OnLeave, int Absent, decimal? OnTimeRate);

/// <summary>A department's month, ranked by on-time rate (then fewer absences).</summary>
public sealed record DepartmentRank(
    int Rank, string Department, int Staff, int Shifts, int OnTime, int Late, int Absent, int OnLeave, decimal? OnTimeRate);

/// <summary>One shift on the on-duty table: the estate-local day, the shift's name, its trade or post, and its hours.</summary>
public sealed record OnDutyShift(DateOnly Day, string Shift, string? Trade, string? Post, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>One person's line of the month's on-duty table (值班表): every published shift, by day.</summary>
public sealed record OnDutyRow(Guid StaffId, string Name, string Department, IReadOnlyList<OnDutyShift> Shifts);

public sealed record AttendanceSheetResponse(
    Guid EstateId, string Month, DateTimeOffset? DueAt, DateTimeOffset? IssuedAt, bool IssuedInTime, IReadOnlyList<SheetRow> Rows,
    IReadOnlyList<DepartmentRank> Ranking, IReadOnlyList<OnDutyRow> OnDuty);

public sealed record IssueSheetCommand(Guid? EstateId, string? Month);

/// <summary>
/// The monthly attendance sheet of an estate, its department ranking and the month's on-duty table (值班表: the
/// published roster per person and day), as JSON or an XLSX workbook with a sheet each, due by the 5th of the next
/// month: the estate manager or HR issues it, which meets the deadline on the SLA engine. Computed set-based: a fixed
/// handful of queries whatever the number of staff.
/// </summary>
public static class AttendanceSheets
{
    public const string NoDepartment = "(no department)";

    public static RouteGroupBuilder MapAttendanceSheetsApi(this RouteGroupBuilder api)
    {
        var sheets = api.MapGroup("/attendance/sheets").WithTags("Attendance");
        sheets.MapGet("/", Monthly).RequireRoles(HrTrainingRoles.Readers);
        sheets.MapPost("/issue", Issue).RequireRoles(HrTrainingRoles.SheetIssuers);
        return api;
    }

    public static async Task<Results<Ok<AttendanceSheetResponse>, FileContentHttpResult>> Monthly(
        HrTrainingDbContext db, TimeProvider time, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var firstDay = errors.Month(month, "month");
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var sheet = await ComputeAsync(db, estate, firstDay, time.GetUtcNow(), cancellationToken);
        return xlsx
            ? TypedResults.File(ToWorkbook(sheet), ReportFormat.XlsxContentType, $"attendance-{sheet.Month}.xlsx")
            : TypedResults.Ok(sheet);
    }

    /// <summary>Issues the sheet of a month that has ended (once): the deadline of the 5th is met if it is in time.</summary>
    public static async Task<Ok<AttendanceSheetResponse>> Issue(
        IssueSheetCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(command.EstateId, "estateId");
        var firstDay = errors.Month(command.Month, "month");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estate);
        var calendar = await calendars.GetKnownAsync(estate, cancellationToken);
        var now = time.GetUtcNow();
        if (calendar.LocalDay(now) < firstDay.AddMonths(1))
        {
            throw new ConflictException($"The sheet of {firstDay:yyyy-MM} can be issued once the month is over.");
        }

        var deadline = await OpenAsync(db, estate, firstDay, calendar, now, cancellationToken);
        if (!deadline.Issue(scope.Account(), now))
        {
            throw new ConflictException($"The sheet of {firstDay:yyyy-MM} was issued at {deadline.IssuedAt:u}.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ComputeAsync(db, estate, firstDay, now, cancellationToken));
    }

    /// <summary>The sheet's deadline record, opened now if the scheduler has not yet (tracked).</summary>
    internal static async Task<AttendanceSheetDeadline> OpenAsync(
        HrTrainingDbContext db, Guid estateId, DateOnly month, EstateCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.AttendanceSheets.SingleOrDefaultAsync(s => s.EstateId == estateId && s.Month == month, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var opened = AttendanceSheetDeadline.Open(estateId, month, calendar, now);
        db.AttendanceSheets.Add(opened);
        return opened;
    }

    /// <summary>
    /// The sheet at <paramref name="now"/>: a shift counts once settled (signed into, or ended); an ended shift with no
    /// sign-in is an absence unless approved leave covers its day. The on-duty table comes from the same shifts. Four
    /// queries, whatever the size of the estate.
    /// </summary>
    public static async Task<AttendanceSheetResponse> ComputeAsync(
        HrTrainingDbContext db, Guid estateId, DateOnly firstDay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nextMonth = firstDay.AddMonths(1);
        var (sheetRows, onDuty) = await PeriodAsync(db, db.Shifts.Where(s => s.EstateId == estateId), firstDay, nextMonth, now, cancellationToken);
        var rows = sheetRows.OrderBy(r => r.Department, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var deadline = await db.AttendanceSheets.AsNoTracking().SingleOrDefaultAsync(s => s.EstateId == estateId && s.Month == firstDay, cancellationToken);

        var ranking = rows.GroupBy(r => r.Department)
            .Select(d => new
            {
                Department = d.Key,
                Staff = d.Count(),
                Shifts = d.Sum(r => r.Shifts),
                OnTime = d.Sum(r => r.OnTime),
                Late = d.Sum(r => r.Late),
                Absent = d.Sum(r => r.Absent),
                OnLeave = d.Sum(r => r.OnLeave),
            })
            .Select(d => new { d.Department, d.Staff, d.Shifts, d.OnTime, d.Late, d.Absent, d.OnLeave, Rate = Rate(d.OnTime, d.Shifts - d.OnLeave) })
            .OrderByDescending(d => d.Rate ?? -1).ThenBy(d => d.Absent).ThenBy(d => d.Department, StringComparer.Ordinal)
            .Select((d, i) => new DepartmentRank(i + 1, d.Department, d.Staff, d.Shifts, d.OnTime, d.Late, d.Absent, d.OnLeave, d.Rate))
            .ToList();

        return new AttendanceSheetResponse(
            estateId, firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture), deadline?.Due.DueAt, deadline?.IssuedAt,
            deadline?.IssuedInTime ?? false, rows, ranking, onDuty);
    }

    /// <summary>
    /// One row per person rostered on <paramref name="shifts"/> (an estate's, or one person's everywhere) on the days
    /// <paramref name="from"/> to <paramref name="until"/> (exclusive): three queries, whatever the number of people.
    /// </summary>
    internal static async Task<List<SheetRow>> RowsAsync(
        HrTrainingDbContext db, IQueryable<DutyShift> shifts, DateOnly from, DateOnly until, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await PeriodAsync(db, shifts, from, until, now, cancellationToken)).Rows;

    /// <summary>
    /// The sheet's rows and the on-duty table (值班表) of <paramref name="shifts"/> on the days <paramref name="from"/> to
    /// <paramref name="until"/> (exclusive), from one read of the published shifts with their sign-ins: every published
    /// shift is on the duty table (planned ones are not duty); only settled ones count on the sheet. Three queries.
    /// </summary>
    private static async Task<(List<SheetRow> Rows, List<OnDutyRow> OnDuty)> PeriodAsync(
        HrTrainingDbContext db, IQueryable<DutyShift> shifts, DateOnly from, DateOnly until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inPeriod = shifts.Where(s => s.PublishedAt != null && s.Day >= from && s.Day < until);
        var published = await (
                from shift in inPeriod.AsNoTracking()
                join record in db.AttendanceRecords.IgnoreQueryFilters().AsNoTracking() on shift.Id equals record.ShiftId into records
                from record in records.DefaultIfEmpty()
                select new
                {
                    shift.StaffId,
                    shift.Day,
                    shift.Shift,
                    shift.Kind,
                    shift.Name,
                    shift.StartsAt,
                    shift.EndsAt,
                    SignedIn = record != null,
                    MinutesLate = record == null ? 0 : record.MinutesLate,
                    MinutesEarly = record == null ? 0 : record.MinutesEarly,
                    SignedOut = record != null && record.SignedOutAt != null,
                })
            .ToListAsync(cancellationToken);
        var settled = published.Where(s => s.SignedIn || s.EndsAt <= now).ToList();

        // People and their approved leave, for everyone rostered (joined in the database).
        var rostered = inPeriod.Select(s => s.StaffId);
        var people = await db.Staff.IgnoreQueryFilters().AsNoTracking()
            .Where(s => rostered.Contains(s.Id))
            .Select(s => new { s.Id, s.DisplayName, Department = s.Department ?? s.Position })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var leave = (await db.LeaveRequests.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.Status == LeaveStatus.Approved && l.From < until && l.Until >= from && rostered.Contains(l.StaffId))
                .Select(l => new { l.StaffId, l.From, l.Until })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.StaffId);
        string NameOf(Guid staffId) => people.GetValueOrDefault(staffId)?.DisplayName ?? staffId.ToString();
        string DepartmentOf(Guid staffId) =>
            people.GetValueOrDefault(staffId)?.Department is { } department && !string.IsNullOrWhiteSpace(department) ? department : NoDepartment;

        List<OnDutyRow> onDuty = [.. published.GroupBy(s => s.StaffId)
            .Select(person => new OnDutyRow(
                person.Key, NameOf(person.Key), DepartmentOf(person.Key),
                [.. person.OrderBy(s => s.StartsAt).Select(s => new OnDutyShift(
                    s.Day, s.Shift, s.Kind == DutyKind.Trade ? s.Name : null, s.Kind == DutyKind.Post ? s.Name : null, s.StartsAt, s.EndsAt))]))
            .OrderBy(r => r.Department, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];

        List<SheetRow> rows = [.. settled.GroupBy(s => s.StaffId).Select(person =>
        {
            var onLeave = person.Count(s => !s.SignedIn && leave[person.Key].Any(l => l.From <= s.Day && s.Day <= l.Until));
            var attended = person.Count(s => s.SignedIn);
            var late = person.Count(s => s.SignedIn && s.MinutesLate > 0);
            var onTime = attended - late;
            var expected = person.Count() - onLeave;
            return new SheetRow(
                person.Key, NameOf(person.Key), DepartmentOf(person.Key),
                person.Count(), attended, onTime, late, person.Sum(s => s.MinutesLate), person.Count(s => s.MinutesEarly > 0),
                person.Count(s => s.SignedIn && !s.SignedOut && s.EndsAt <= now), onLeave, expected - attended, Rate(onTime, expected));
        })];

        return (rows, onDuty);
    }

    internal static decimal? Rate(int part, int whole) => whole <= 0 ? null : Math.Round((decimal)part / whole, 4);

    public static byte[] ToWorkbook(AttendanceSheetResponse sheet)
    {
        using var workbook = new XLWorkbook();
        var people = workbook.Worksheets.Add("Attendance");
        string[] headings = ["Staff id", "Name", "Department", "Shifts", "Attended", "On time", "Late", "Minutes late", "Left early", "Missed sign-out", "On leave", "Absent", "On-time rate"];
        for (var c = 0; c < headings.Length; c++)
        {
            people.Cell(1, c + 1).Value = headings[c];
        }

        var row = 2;
        foreach (var r in sheet.Rows)
        {
            people.Cell(row, 1).Value = r.StaffId.ToString();
            people.Cell(row, 2).Value = r.Name;
            people.Cell(row, 3).Value = r.Department;
            people.Cell(row, 4).Value = r.Shifts;
            people.Cell(row, 5).Value = r.Attended;
            people.Cell(row, 6).Value = r.OnTime;
            people.Cell(row, 7).Value = r.Late;
            people.Cell(row, 8).Value = r.MinutesLate;
            people.Cell(row, 9).Value = r.LeftEarly;
            people.Cell(row, 10).Value = r.MissedSignOut;
            people.Cell(row, 11).Value = r.OnLeave;
            people.Cell(row, 12).Value = r.Absent;
            if (r.OnTimeRate is { } rate)
            {
                people.Cell(row, 13).Value = rate;
            }

            row++;
        }

        var ranking = workbook.Worksheets.Add("Department ranking");
        string[] rankHeadings = ["Rank", "Department", "Staff", "Shifts", "On time", "Late", "Absent", "On leave", "On-time rate"];
        for (var c = 0; c < rankHeadings.Length; c++)
        {
            ranking.Cell(1, c + 1).Value = rankHeadings[c];
        }

        row = 2;
        foreach (var d in sheet.Ranking)
        {
            ranking.Cell(row, 1).Value = d.Rank;
            ranking.Cell(row, 2).Value = d.Department;
            ranking.Cell(row, 3).Value = d.Staff;
            ranking.Cell(row, 4).Value = d.Shifts;
            ranking.Cell(row, 5).Value = d.OnTime;
            ranking.Cell(row, 6).Value = d.Late;
            ranking.Cell(row, 7).Value = d.Absent;
            ranking.Cell(row, 8).Value = d.OnLeave;
            if (d.OnTimeRate is { } rate)
            {
                ranking.Cell(row, 9).Value = rate;
            }

            row++;
        }

        AddOnDutySheet(workbook, sheet);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// The on-duty table as the front office pins it up: a person per row, a day of the month per column, each cell the
    /// shifts of that day as "shift (trade or post)", several joined by "; ".
    /// </summary>
    private static void AddOnDutySheet(XLWorkbook workbook, AttendanceSheetResponse sheet)
    {
        var table = workbook.Worksheets.Add("On duty");
        var firstDay = DateOnly.ParseExact($"{sheet.Month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = firstDay.AddMonths(1).DayNumber - firstDay.DayNumber;
        table.Cell(1, 1).Value = "Staff id";
        table.Cell(1, 2).Value = "Name";
        table.Cell(1, 3).Value = "Department";
        for (var d = 0; d < days; d++)
        {
            var heading = table.Cell(1, 4 + d);
            heading.Value = firstDay.AddDays(d).ToDateTime(TimeOnly.MinValue);
            heading.Style.NumberFormat.Format = "MM-dd";
        }

        var row = 2;
        foreach (var person in sheet.OnDuty)
        {
            table.Cell(row, 1).Value = person.StaffId.ToString();
            table.Cell(row, 2).Value = person.Name;
            table.Cell(row, 3).Value = person.Department;
            foreach (var day in person.Shifts.GroupBy(s => s.Day))
            {
                table.Cell(row, 4 + day.Key.DayNumber - firstDay.DayNumber).Value =
                    string.Join("; ", day.Select(s => $"{s.Shift} ({s.Trade ?? s.Post})"));
            }

            row++;
        }
    }
}

/// <summary>Opens each estate's sheet deadline for last month once the month is over, estate-local; safe to run anywhere, any number of times.</summary>
public sealed class AttendanceSheetScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<AttendanceSheetScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);

    protected override string Description => "Opening the monthly attendance sheets";

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken) =>
        OpenDueAsync(services.GetRequiredService<HrTrainingDbContext>(), now, cancellationToken);

    /// <summary>Opens the missing sheet deadlines of last month for every known estate; returns how many it opened.</summary>
    public static async Task<int> OpenDueAsync(HrTrainingDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opened = 0;
        var estates = await db.Set<KnownEstateCalendar>().AsNoTracking().Where(c => c.TimeZoneId != "").ToListAsync(cancellationToken);
        foreach (var estate in estates)
        {
            var calendar = estate.ToCalendar();
            var today = calendar.LocalDay(now);
            var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            if (await db.AttendanceSheets.AnyAsync(s => s.EstateId == estate.EstateId && s.Month == lastMonth, cancellationToken))
            {
                continue;
            }

            db.AttendanceSheets.Add(AttendanceSheetDeadline.Open(estate.EstateId, lastMonth, calendar, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                opened++;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another replica (or an early issue) opened it first.
            }

            db.ChangeTracker.Clear();
        }

        return opened;
    }
}

/// <summary>The sheet by the 5th, on the SLA engine.</summary>
public sealed class AttendanceSheetWatch : ISlaWatch<HrTrainingDbContext>
{
    public const string Subject = "attendance-sheet";

    public async Task<IReadOnlyList<WatchedDeadline>> DueAsync(HrTrainingDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await db.AttendanceSheets.WithClockDueAsync(s => s.Due, now, limit, cancellationToken);
        return [.. due.Select(s => new WatchedDeadline(Subject, s.Id, s.EstateId, s.Id, AttendanceSheetDeadline.Deadline, s.Due)
        {
            Holder = PlatformRoles.EstateManager,
        })];
    }
}
