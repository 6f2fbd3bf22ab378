using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.HrTraining.Features.Appraisal;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.HrTraining.Features.Certifications;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Kpis;

/// <summary>
/// hr-training's standards (domain.md, HR and training) measured over an estate-local month, in the platform's KPI
/// shape: certified before duty, sign-in by 08:20 (the estate's sign-in time), the attendance sheet by the 5th, the
/// supervisors' written assessments twice a week.
/// </summary>
[KpiRecords(typeof(CertificationsApi), nameof(CertificationsApi.List))]
[KpiRecords(typeof(AttendanceSheets), nameof(AttendanceSheets.Monthly))]
[KpiRecords(typeof(AppraisalApi), nameof(AppraisalApi.Shortfalls))]
public static class HrTrainingKpis
{
    public const decimal CertifiedBeforeDutyTarget = 1.00m;

    /// <summary>The group's aim for punctual sign-ins; the standard itself is the time (08:20 unless the estate sets another).</summary>
    public const decimal SignInOnTimeTarget = 0.95m;

    public const decimal SheetByFifthTarget = 1.00m;

    public const decimal AssessmentsTwiceAWeekTarget = 1.00m;

    public static RouteGroupBuilder MapHrTrainingKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", Monthly).WithTags("KPIs").RequireRoles(HrTrainingRoles.Readers);
        return api;
    }

    /// <summary>
    /// "Staff certified before duty": of the published shifts of the month, those whose person held a certification for
    /// the shift's trade or post in the estate on the shift's day (a later revocation does not rewrite days worked).
    /// </summary>
    public static async Task<Ok<KpiReport>> Monthly(
        HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, TimeProvider time, Guid? estateId, string? month,
        CancellationToken cancellationToken)
    {
        var period = KpiPeriod.Parse(estateId, month, scope);
        var calendar = await calendars.GetKnownAsync(period.EstateId, cancellationToken);
        var firstDay = period.FirstDay;
        var nextMonth = firstDay.AddMonths(1);
        var shifts = await db.Shifts.AsNoTracking()
            .Where(s => s.EstateId == period.EstateId && s.PublishedAt != null && s.Day >= firstDay && s.Day < nextMonth)
            .Select(s => new { s.StaffId, s.Kind, s.Name, s.Day })
            .ToListAsync(cancellationToken);
        var staffIds = shifts.Select(s => s.StaffId).Distinct().ToList();
        var certifications = (await db.Certifications.AsNoTracking()
                .Where(c => c.EstateId == period.EstateId && staffIds.Contains(c.StaffId))
                .ToListAsync(cancellationToken))
            .ToLookup(c => (c.StaffId, c.Kind, c.Name));
        var certified = shifts.Count(s => certifications[(s.StaffId, s.Kind, s.Name)].Any(c => c.CoveredOn(s.Day, calendar)));

        // Sign-in: of the shifts people were expected at so far (settled, not on approved leave), those signed into on time.
        var now = time.GetUtcNow();
        var sheet = await AttendanceSheets.ComputeAsync(db, period.EstateId, firstDay, now, cancellationToken);
        var expected = sheet.Rows.Sum(r => r.Shifts - r.OnLeave);
        var onTime = sheet.Rows.Sum(r => r.OnTime);

        // The month's own sheet, due by the 5th of the next: measured once issued or overdue.
        var deadline = await db.AttendanceSheets.AsNoTracking()
            .SingleOrDefaultAsync(s => s.EstateId == period.EstateId && s.Month == firstDay, cancellationToken);
        var sheetDue = deadline is not null && (deadline.IssuedAt is not null || now > deadline.Due.DueAt);

        // Assessments: the weeks starting on a Monday of the month that are over, per front-desk clerk rostered that week.
        var firstMonday = firstDay.AddDays((7 - (((int)firstDay.DayOfWeek + 6) % 7)) % 7);
        var weeksOver = Enumerable.Range(0, 6).Select(w => firstMonday.AddDays(7 * w))
            .Where(monday => monday < nextMonth && calendar.ToInstant(monday.AddDays(7), TimeOnly.MinValue) <= now).ToList();
        var clerkWeeks = weeksOver.Count == 0 ? []
            : await AppraisalApi.AssessmentCountsAsync(db, period.EstateId, firstMonday, weeksOver[^1].AddDays(7), cancellationToken);

        return TypedResults.Ok(period.Report(
        [
            Kpi.Measure("certified-before-duty", "Everyone on a published duty shift is certified for its trade or post that day (培训合格后方可上岗).",
                CertifiedBeforeDutyTarget, certified, shifts.Count, $"/api/hr-training/certifications?estateId={period.EstateId}"),
            Kpi.Measure("sign-in-by-0820", "Staff sign in by the estate's sign-in time (08:20 unless the estate sets another).",
                SignInOnTimeTarget, onTime, expected, $"/api/hr-training/attendance/sheets?estateId={period.EstateId}&month={period.Month}"),
            Kpi.Measure("attendance-sheet-by-5th", "The month's attendance sheet and department ranking are issued by the 5th of the next month.",
                SheetByFifthTarget, deadline?.IssuedInTime == true ? 1 : 0, sheetDue ? 1 : 0,
                $"/api/hr-training/attendance/sheets?estateId={period.EstateId}&month={period.Month}"),
            Kpi.Measure("assessments-twice-a-week", "Front-desk supervisors assess each clerk in writing at least twice a week.",
                AssessmentsTwiceAWeekTarget, clerkWeeks.Count(c => c.Assessments >= WrittenAssessment.PerWeek), clerkWeeks.Count,
                $"/api/hr-training/appraisal/assessment-shortfalls?estateId={period.EstateId}&week={firstMonday:yyyy-MM-dd}"),
        ]));
    }
}
