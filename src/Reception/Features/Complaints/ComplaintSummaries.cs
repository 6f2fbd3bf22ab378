using ClosedXML.Excel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.Complaints;

public sealed record ComplaintCount(string Name, int Count);

public sealed record ComplaintSummaryResponse(
    Guid EstateId,
    string EstateName,
    string Month,
    int Recorded,
    IReadOnlyList<ComplaintCount> ByKind,
    IReadOnlyList<ComplaintCount> ByCategory,
    IReadOnlyList<ComplaintCount> ByStatus,
    int Resolved,
    decimal? AverageResolutionHours,
    decimal? MedianResolutionHours,
    int DeadlinesBreached,
    int SatisfactionAnswered,
    int Satisfied,
    decimal? SatisfactionRate,
    decimal SatisfactionTarget);

/// <summary>
/// The monthly complaint summary for the estate manager (counts by kind, category and status, resolution times,
/// breached deadlines, satisfaction), for the estate's local calendar month, as JSON or as an XLSX workbook.
/// </summary>
public static class ComplaintSummaries
{
    public static async Task<Results<Ok<ComplaintSummaryResponse>, FileContentHttpResult>> Monthly(
        ReceptionDbContext db, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateKey = errors.Id(estateId, "estateId");
        var firstDay = errors.Month(month, "month");
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();

        var summary = await SummarizeAsync(db, estateKey, firstDay, cancellationToken);
        if (!xlsx)
        {
            return TypedResults.Ok(summary);
        }

        return TypedResults.File(ToWorkbook(summary), ReportFormat.XlsxContentType, $"complaints-{summary.Month}.xlsx");
    }

    public static async Task<ComplaintSummaryResponse> SummarizeAsync(ReceptionDbContext db, Guid estateId, DateOnly firstDay, CancellationToken cancellationToken)
    {
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new NotFoundException("Estate", estateId);
        var (from, to) = estate.Calendar().LocalMonth(firstDay);
        // One row per complaint of the month, only the columns the summary needs.
        var rows = await db.Complaints.AsNoTracking()
            .Where(c => c.EstateId == estate.Id && c.RecordedAt >= from && c.RecordedAt < to)
            .Select(c => new
            {
                c.Kind,
                c.Category,
                c.Status,
                c.RecordedAt,
                c.ResolvedAt,
                c.SatisfactionScore,
                Breached = c.Resolution != null && c.Resolution.BreachedAt != null,
            })
            .ToListAsync(cancellationToken);

        static IReadOnlyList<ComplaintCount> Count<T>(IEnumerable<T> values) =>
            [.. values.GroupBy(v => v?.ToString() ?? "Unclassified").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ComplaintCount(g.Key, g.Count()))];

        var hours = rows.Where(r => r.ResolvedAt is not null)
            .Select(r => (decimal)(r.ResolvedAt!.Value - r.RecordedAt).TotalHours).Order().ToArray();
        var answered = rows.Where(r => r.SatisfactionScore is not null).ToArray();
        var satisfied = answered.Count(r => r.SatisfactionScore >= Complaint.SatisfiedFrom);
        return new ComplaintSummaryResponse(
            estate.Id,
            estate.Name,
            firstDay.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            rows.Count,
            Count(rows.Select(r => r.Kind)),
            Count(rows.Select(r => r.Category)),
            Count(rows.Select(r => r.Status)),
            hours.Length,
            hours.Length == 0 ? null : Math.Round(hours.Average(), 1),
            hours.Length == 0 ? null : Math.Round(Median(hours), 1),
            rows.Count(r => r.Breached),
            answered.Length,
            satisfied,
            CallbackReports.Rate(satisfied, answered.Length),
            CallbackReports.SatisfactionTarget);
    }

    private static decimal Median(decimal[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    private static byte[] ToWorkbook(ComplaintSummaryResponse summary)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Summary");
        var row = 1;
        void Line(string label, object? value)
        {
            sheet.Cell(row, 1).Value = label;
            if (value is not null)
            {
                sheet.Cell(row, 2).Value = value;
            }

            row++;
        }

        Line("Estate", summary.EstateName);
        Line("Month", summary.Month);
        Line("Complaints recorded", summary.Recorded);
        Line("Resolved", summary.Resolved);
        Line("Average resolution (hours)", summary.AverageResolutionHours);
        Line("Median resolution (hours)", summary.MedianResolutionHours);
        Line("Deadlines breached", summary.DeadlinesBreached);
        Line("Satisfaction answered", summary.SatisfactionAnswered);
        Line("Satisfied", summary.Satisfied);
        Line("Satisfaction rate", summary.SatisfactionRate);
        Line("Satisfaction target", summary.SatisfactionTarget);
        foreach (var (title, counts) in new[] { ("By kind", summary.ByKind), ("By category", summary.ByCategory), ("By status", summary.ByStatus) })
        {
            var table = workbook.Worksheets.Add(title);
            table.Cell(1, 1).Value = title[3..];
            table.Cell(1, 2).Value = "Count";
            for (var i = 0; i < counts.Count; i++)
            {
                table.Cell(i + 2, 1).Value = counts[i].Name;
                table.Cell(i + 2, 2).Value = counts[i].Count;
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
