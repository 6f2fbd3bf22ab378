using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Kpis;

/// <summary>
/// hr-training's standards (domain.md, HR and training) measured over an estate-local month, in the platform's KPI
/// shape. So far "certified before duty"; sign-in by 08:20, the sheet by the 5th and the supervisors' assessments come
/// with attendance and appraisal.
/// </summary>
public static class HrTrainingKpis
{
    public const decimal CertifiedBeforeDutyTarget = 1.00m;

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
        HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, Guid? estateId, string? month, CancellationToken cancellationToken)
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

        return TypedResults.Ok(period.Report(
        [
            Kpi.Measure("certified-before-duty", "Everyone on a published duty shift is certified for its trade or post that day (培训合格后方可上岗).",
                CertifiedBeforeDutyTarget, certified, shifts.Count, $"/api/hr-training/certifications?estateId={period.EstateId}"),
        ]));
    }
}
