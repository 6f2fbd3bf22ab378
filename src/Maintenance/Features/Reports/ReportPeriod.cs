using ClosedXML.Excel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Features.Reports;

/// <summary>An estate-local month of one estate, as instants [From, To): what every maintenance report and KPI counts.</summary>
public sealed record ReportPeriod(Guid EstateId, string Month, DateTimeOffset From, DateTimeOffset To, EstateCalendar Calendar)
{
    /// <summary>
    /// Parses <c>estateId</c> and <c>month</c> as the KPI convention does (400 per field, 404 for an estate out of scope),
    /// and <c>format</c> (json or xlsx). An estate whose calendar has not reached maintenance counts in UTC.
    /// </summary>
    public static async Task<(ReportPeriod Period, bool Xlsx)> ParseAsync(
        MaintenanceDbContext db, EstateScope scope, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        // The period's fields as KpiPeriod reads them, so a bad format is named with whatever else is wrong, in one 400.
        var errors = new InputErrors();
        errors.Id(estateId, "estateId");
        errors.Month(month, "month");
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();

        return (await ForAsync(db, KpiPeriod.Parse(estateId, month, scope), cancellationToken), xlsx);
    }

    public static async Task<ReportPeriod> ForAsync(MaintenanceDbContext db, KpiPeriod period, CancellationToken cancellationToken)
    {
        var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == period.EstateId, cancellationToken);
        var calendar = known?.ToCalendar() ?? WorkOrderDeadlines.AroundTheClock;
        var (from, to) = calendar.LocalMonth(period.FirstDay);
        return new ReportPeriod(period.EstateId, period.Month, from, to, calendar);
    }

    /// <summary>A workbook of one sheet per table: a header row, then the rows.</summary>
    public static FileContentHttpResult Workbook(string fileName, params (string Sheet, string[] Headers, IEnumerable<object?[]> Rows)[] tables)
    {
        using var workbook = new XLWorkbook();
        foreach (var (title, headers, rows) in tables)
        {
            var sheet = workbook.Worksheets.Add(title);
            for (var c = 0; c < headers.Length; c++)
            {
                sheet.Cell(1, c + 1).Value = headers[c];
            }

            var r = 2;
            foreach (var row in rows)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    sheet.Cell(r, c + 1).Value = row[c] switch
                    {
                        Guid id => id.ToString(),
                        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                        Enum value => value.ToString(),
                        var other => other,
                    };
                }

                r++;
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return TypedResults.File(stream.ToArray(), ReportFormat.XlsxContentType, fileName);
    }
}
