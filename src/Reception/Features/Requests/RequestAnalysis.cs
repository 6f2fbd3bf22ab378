using ClosedXML.Excel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Requests;

/// <summary>One group of the period's requests: how many, how many were routed within 5 minutes and answered the same day, reopened.</summary>
public sealed record RequestTally(string Name, int Received, int RoutedInTime, int FeedbackInTime, int Reopened);

public sealed record EstateRequestAnalysis(
    Guid EstateId,
    string EstateName,
    DateOnly FirstDay,
    DateOnly LastDay,
    RequestTally Total,
    IReadOnlyList<RequestTally> ByCategory,
    IReadOnlyList<RequestTally> ByChannel,
    IReadOnlyList<RequestTally> ByOutcome);

/// <summary>The week or month containing <c>date</c>, per estate (each in its own local calendar), and all of them together.</summary>
public sealed record RequestAnalysisResponse(SummaryPeriod Period, string Date, RequestTally Total, IReadOnlyList<EstateRequestAnalysis> Estates);

/// <summary>
/// Periodic analysis of every customer request — not only complaints — by category, channel, estate and outcome (where
/// the request stands now), with the 5-minute routing and same-day feedback met, for supervisors, estate managers and
/// the group, as JSON or an XLSX workbook. One grouped query per time zone of the estates analysed.
/// </summary>
public static class RequestAnalysis
{
    /// <summary>More estates than this in one analysis is a group-wide export, not a screen: page through estates instead.</summary>
    public const int MaxEstates = 500;

    public static async Task<Results<Ok<RequestAnalysisResponse>, FileContentHttpResult>> Analyse(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? period, string? date, string? format,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var kind = period is null ? SummaryPeriod.Month : errors.Enum<SummaryPeriod>(period, "period");
        if (period is not null && kind == SummaryPeriod.Day)
        {
            errors.Add("period", "Must be week or month.");
        }

        var onDay = date is null ? null : WorkLog.WorkLogApi.Day(errors, date, "date");
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();

        // The caller's estates (the query filter scopes them), or the one asked for.
        var estates = await db.Estates.AsNoTracking()
            .Where(e => estateId == null || e.Id == estateId)
            .OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Take(MaxEstates + 1)
            .ToListAsync(cancellationToken);
        if (estateId is not null && estates.Count == 0)
        {
            throw new NotFoundException("Estate", estateId.Value);
        }

        if (estates.Count > MaxEstates)
        {
            throw new ValidationFailedException("estateId", $"More than {MaxEstates} estates: analyse one estate at a time.");
        }

        var today = onDay ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var analyses = new List<EstateRequestAnalysis>();
        foreach (var zone in estates.GroupBy(e => e.TimeZoneId))
        {
            var calendar = zone.First().Calendar();
            var span = ReportingPeriod.Containing(kind, onDay ?? calendar.LocalDay(time.GetUtcNow()), calendar);
            var ids = zone.Select(e => e.Id).ToArray();
            var rows = await db.Requests.AsNoTracking()
                .Where(r => ids.Contains(r.EstateId) && r.ReceivedAt >= span.From && r.ReceivedAt < span.To)
                // Flattened first: EF Core groups on columns, not on the owned deadline clocks.
                .Select(r => new
                {
                    r.EstateId,
                    r.Category,
                    r.Channel,
                    r.Status,
                    RoutedInTime = r.Routing.CompletedAt != null && r.Routing.CompletedAt <= r.Routing.DueAt ? 1 : 0,
                    FeedbackInTime = r.Feedback.CompletedAt != null && r.Feedback.CompletedAt <= r.Feedback.DueAt ? 1 : 0,
                    Reopened = r.ReopenCount > 0 ? 1 : 0,
                })
                .GroupBy(r => new { r.EstateId, r.Category, r.Channel, r.Status })
                .Select(g => new Row(
                    g.Key.EstateId, g.Key.Category, g.Key.Channel, g.Key.Status, g.Count(), g.Sum(r => r.RoutedInTime), g.Sum(r => r.FeedbackInTime),
                    g.Sum(r => r.Reopened)))
                .ToListAsync(cancellationToken);
            var byEstate = rows.ToLookup(r => r.EstateId);
            analyses.AddRange(zone.Select(e => new EstateRequestAnalysis(
                e.Id, e.Name, span.FirstDay, span.LastDay, Tally("All", byEstate[e.Id]),
                Tallies(byEstate[e.Id], r => r.Category.ToString()),
                Tallies(byEstate[e.Id], r => r.Channel.ToString()),
                Tallies(byEstate[e.Id], r => r.Status.ToString()))));
        }

        analyses.Sort((a, b) => string.CompareOrdinal(a.EstateName, b.EstateName));
        var total = new RequestTally(
            "All", analyses.Sum(a => a.Total.Received), analyses.Sum(a => a.Total.RoutedInTime), analyses.Sum(a => a.Total.FeedbackInTime),
            analyses.Sum(a => a.Total.Reopened));
        var response = new RequestAnalysisResponse(kind, (onDay ?? today).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), total, analyses);
        return xlsx
            ? TypedResults.File(ToWorkbook(response), ReportFormat.XlsxContentType, $"requests-{kind.ToString().ToLowerInvariant()}-{response.Date}.xlsx")
            : TypedResults.Ok(response);
    }

    private sealed record Row(
        Guid EstateId, RequestCategory Category, RequestChannel Channel, RequestStatus Status, int Received, int RoutedInTime, int FeedbackInTime, int Reopened);

    private static RequestTally Tally(string name, IEnumerable<Row> rows)
    {
        var list = rows as IReadOnlyCollection<Row> ?? [.. rows];
        return new(name, list.Sum(r => r.Received), list.Sum(r => r.RoutedInTime), list.Sum(r => r.FeedbackInTime), list.Sum(r => r.Reopened));
    }

    private static IReadOnlyList<RequestTally> Tallies(IEnumerable<Row> rows, Func<Row, string> key) =>
        [.. rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Tally(g.Key, g))];

    private static byte[] ToWorkbook(RequestAnalysisResponse analysis)
    {
        using var workbook = new XLWorkbook();
        var headers = new[] { "Estate", "Group", "Name", "Received", "Routed in 5 min", "Feedback same day", "Reopened" };
        var sheet = workbook.Worksheets.Add("Requests");
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
        }

        var row = 2;
        void Write(string estate, string group, RequestTally tally)
        {
            sheet.Cell(row, 1).Value = estate;
            sheet.Cell(row, 2).Value = group;
            sheet.Cell(row, 3).Value = tally.Name;
            sheet.Cell(row, 4).Value = tally.Received;
            sheet.Cell(row, 5).Value = tally.RoutedInTime;
            sheet.Cell(row, 6).Value = tally.FeedbackInTime;
            sheet.Cell(row, 7).Value = tally.Reopened;
            row++;
        }

        Write("All estates", "Total", analysis.Total);
        foreach (var estate in analysis.Estates)
        {
            Write(estate.EstateName, "Total", estate.Total);
            foreach (var (group, tallies) in new[] { ("Category", estate.ByCategory), ("Channel", estate.ByChannel), ("Outcome", estate.ByOutcome) })
            {
                foreach (var tally in tallies)
                {
                    Write(estate.EstateName, group, tally);
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
