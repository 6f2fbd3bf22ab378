using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Reports;

/// <summary>
/// How a work order did against its deadlines (technician on site, work completed) for its urgency: met both, missed
/// one (breached, late, or open past its deadline), or still within time.
/// </summary>
public enum SlaOutcome
{
    Met,
    Missed,
    Pending,
}

/// <summary>One work order's deadlines, as the SLA report and the KPIs read them.</summary>
public sealed record WorkOrderSla(
    Guid EstateId, WorkOrderUrgency Urgency, Guid? TechnicianId, string? TechnicianName, DateTimeOffset ResponseDueAt, DateTimeOffset? RespondedAt,
    DateTimeOffset? ResponseBreachedAt, DateTimeOffset CompletionDueAt, DateTimeOffset? CompletedAt, DateTimeOffset? CompletionBreachedAt)
{
    public SlaOutcome Outcome(DateTimeOffset now) =>
        ResponseBreachedAt is not null || CompletionBreachedAt is not null || (RespondedAt ?? now) > ResponseDueAt || (CompletedAt ?? now) > CompletionDueAt
            ? SlaOutcome.Missed
            : CompletedAt is not null ? SlaOutcome.Met : SlaOutcome.Pending;

    /// <summary>The work orders opened in the period, only the columns the measure needs.</summary>
    public static Task<List<WorkOrderSla>> OfAsync(MaintenanceDbContext db, ReportPeriod period, CancellationToken cancellationToken) =>
        db.WorkOrders.AsNoTracking()
            .Where(w => w.EstateId == period.EstateId && w.CreatedAt >= period.From && w.CreatedAt < period.To)
            .Select(w => new WorkOrderSla(
                w.EstateId, w.Urgency, w.TechnicianId, w.TechnicianName, w.Response.DueAt, w.Response.CompletedAt, w.Response.BreachedAt, w.Completion.DueAt,
                w.Completion.CompletedAt, w.Completion.BreachedAt))
            .ToListAsync(cancellationToken);
}

/// <summary>Met of met-or-missed (orders still within time are shown but not rated); <c>rate</c> is null when nothing was measured.</summary>
public sealed record SlaAttainment(string Key, Guid? Id, int Met, int Missed, int Pending, decimal? Rate)
{
    public static SlaAttainment Of(string key, Guid? id, IEnumerable<SlaOutcome> outcomes)
    {
        var list = outcomes.ToList();
        var met = list.Count(o => o == SlaOutcome.Met);
        var missed = list.Count(o => o == SlaOutcome.Missed);
        return new(key, id, met, missed, list.Count(o => o == SlaOutcome.Pending), met + missed == 0 ? null : Math.Round((decimal)met / (met + missed), 4));
    }
}

public sealed record SlaReportResponse(
    string Month, IReadOnlyList<SlaAttainment> ByEstate, IReadOnlyList<SlaAttainment> ByUrgency, IReadOnlyList<SlaAttainment> ByTechnician);

/// <summary>One technician's callback scores (1-5 each) over the month.</summary>
public sealed record TechnicianCallbackScores(
    Guid? TechnicianId, string TechnicianName, int Callbacks, decimal AverageAttitude, decimal AverageQuality, decimal AverageSpeed, int Satisfied);

public sealed record CallbackScoresResponse(Guid EstateId, string Month, IReadOnlyList<TechnicianCallbackScores> Technicians);

public sealed record ArchivedTicket(
    Guid Id, DateTimeOffset CreatedAt, Guid? UnitId, string? Area, WorkOrderSource Source, string? Trade, WorkOrderUrgency Urgency, WorkOrderStatus Status,
    string? TechnicianName, DateTimeOffset? CompletedAt, DateTimeOffset? ClosedAt, string Description);

/// <summary>The month's tickets, kept apart for the common areas and the units.</summary>
public sealed record TicketArchiveResponse(Guid EstateId, string Month, IReadOnlyList<ArchivedTicket> CommonAreas, IReadOnlyList<ArchivedTicket> Units);

/// <summary>
/// Maintenance's monthly reports for the supervisor and the estate manager, as JSON or (<c>format=xlsx</c>) a workbook:
/// SLA attainment per estate, urgency and technician; each technician's callback scores; the ticket archive per area.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/sla", Sla).RequireRoles(MaintenanceRoles.Dispatchers);
        reports.MapGet("/callback-scores", CallbackScores).RequireRoles(MaintenanceRoles.Dispatchers);
        reports.MapGet("/ticket-archive", TicketArchive).RequireRoles(MaintenanceRoles.Dispatchers);
        return reports;
    }

    /// <summary>SLA attainment of the orders opened in the month: of one estate, or (no <c>estateId</c>) of every estate the caller sees, each in its local month.</summary>
    public static async Task<Results<Ok<SlaReportResponse>, FileContentHttpResult>> Sla(
        MaintenanceDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        var estates = estateId is not null ? [estateId.Value]
            : await db.Set<KnownEstateCalendar>().AsNoTracking().Select(c => c.EstateId).ToListAsync(cancellationToken);
        var periods = new List<ReportPeriod>();
        var xlsx = false;
        foreach (var estate in estates.Where(e => estateId is not null || scope.CanSeeEstate(e)))
        {
            (var period, xlsx) = await ReportPeriod.ParseAsync(db, scope, estate, month, format, cancellationToken);
            periods.Add(period);
        }

        if (periods.Count == 0)
        {
            // Nothing to measure, but the input is still checked.
            var errors = new InputErrors();
            errors.Month(month, "month");
            errors.ThrowIfAny();
            xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        }

        var now = time.GetUtcNow();
        var orders = new List<WorkOrderSla>();
        foreach (var period in periods)
        {
            orders.AddRange(await WorkOrderSla.OfAsync(db, period, cancellationToken));
        }

        var report = new SlaReportResponse(
            periods.FirstOrDefault()?.Month ?? month!,
            [.. orders.GroupBy(o => o.EstateId).Select(g => SlaAttainment.Of(g.Key.ToString(), g.Key, g.Select(o => o.Outcome(now))))],
            [.. Enum.GetValues<WorkOrderUrgency>().Select(u => SlaAttainment.Of(u.ToString(), null, orders.Where(o => o.Urgency == u).Select(o => o.Outcome(now))))],
            [.. orders.Where(o => o.TechnicianId is not null).GroupBy(o => o.TechnicianId)
                .Select(g => SlaAttainment.Of(g.Last().TechnicianName ?? "", g.Key, g.Select(o => o.Outcome(now))))
                .OrderBy(a => a.Key, StringComparer.Ordinal)]);
        if (!xlsx)
        {
            return TypedResults.Ok(report);
        }

        string[] headers = ["Key", "Id", "Met", "Missed", "Pending", "Rate"];
        static IEnumerable<object?[]> Rows(IEnumerable<SlaAttainment> rows) => rows.Select(a => new object?[] { a.Key, a.Id, a.Met, a.Missed, a.Pending, a.Rate });
        return ReportPeriod.Workbook($"maintenance-sla-{report.Month}.xlsx",
            ("By estate", headers, Rows(report.ByEstate)), ("By urgency", headers, Rows(report.ByUrgency)), ("By technician", headers, Rows(report.ByTechnician)));
    }

    /// <summary>Each technician's scores from reception's callbacks made in the month.</summary>
    public static async Task<Results<Ok<CallbackScoresResponse>, FileContentHttpResult>> CallbackScores(
        MaintenanceDbContext db, EstateScope scope, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        var (period, xlsx) = await ReportPeriod.ParseAsync(db, scope, estateId, month, format, cancellationToken);
        var scores = await db.CallbackScores.AsNoTracking()
            .Where(s => s.EstateId == period.EstateId && s.CalledAt >= period.From && s.CalledAt < period.To)
            .ToListAsync(cancellationToken);
        var report = new CallbackScoresResponse(period.EstateId, period.Month, [.. scores.GroupBy(s => s.TechnicianId)
            .Select(g => new TechnicianCallbackScores(
                g.Key, g.Select(s => s.TechnicianName).LastOrDefault(n => n is not null) ?? "(not attributed)", g.Count(),
                Math.Round((decimal)g.Average(s => s.Attitude), 2), Math.Round((decimal)g.Average(s => s.Quality), 2), Math.Round((decimal)g.Average(s => s.Speed), 2),
                g.Count(s => s.Satisfied)))
            .OrderBy(t => t.TechnicianName, StringComparer.Ordinal)]);
        return xlsx
            ? ReportPeriod.Workbook($"callback-scores-{report.Month}.xlsx", ("Callback scores",
                ["Technician", "Id", "Callbacks", "Attitude", "Quality", "Speed", "Satisfied"],
                report.Technicians.Select(t => new object?[] { t.TechnicianName, t.TechnicianId, t.Callbacks, t.AverageAttitude, t.AverageQuality, t.AverageSpeed, t.Satisfied })))
            : TypedResults.Ok(report);
    }

    /// <summary>Every ticket opened in the month, common-area tickets apart from the units'.</summary>
    public static async Task<Results<Ok<TicketArchiveResponse>, FileContentHttpResult>> TicketArchive(
        MaintenanceDbContext db, EstateScope scope, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        var (period, xlsx) = await ReportPeriod.ParseAsync(db, scope, estateId, month, format, cancellationToken);
        var tickets = await db.WorkOrders.AsNoTracking()
            .Where(w => w.EstateId == period.EstateId && w.CreatedAt >= period.From && w.CreatedAt < period.To)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .Select(w => new ArchivedTicket(
                w.Id, w.CreatedAt, w.UnitId, w.Area, w.Source, w.Trade, w.Urgency, w.Status, w.TechnicianName, w.CompletedAt, w.ClosedAt, w.Description))
            .ToListAsync(cancellationToken);
        var report = new TicketArchiveResponse(period.EstateId, period.Month, [.. tickets.Where(t => t.UnitId is null)], [.. tickets.Where(t => t.UnitId is not null)]);
        if (!xlsx)
        {
            return TypedResults.Ok(report);
        }

        string[] headers = ["Id", "Opened", "Unit", "Area", "Source", "Trade", "Urgency", "Status", "Technician", "Completed", "Closed", "Description"];
        static IEnumerable<object?[]> Rows(IEnumerable<ArchivedTicket> rows) => rows.Select(t => new object?[]
            { t.Id, t.CreatedAt, t.UnitId, t.Area, t.Source, t.Trade, t.Urgency, t.Status, t.TechnicianName, t.CompletedAt, t.ClosedAt, t.Description });
        return ReportPeriod.Workbook($"tickets-{report.Month}.xlsx", ("Common areas", headers, Rows(report.CommonAreas)), ("Units", headers, Rows(report.Units)));
    }
}
