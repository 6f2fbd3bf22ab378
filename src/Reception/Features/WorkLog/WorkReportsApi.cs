using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.WorkLog;

/// <summary>
/// The caller's weekly or monthly summary (<c>period</c>) of the period containing <c>date</c> (yyyy-MM-dd, estate-local,
/// default today). A monthly one carries <c>nextMonthPlan</c>.
/// </summary>
public sealed record SubmitWorkReportCommand(Guid? EstateId, string? Period, string? Date, string? Summary, string? NextMonthPlan);

/// <summary><c>decision</c> is <c>accept</c> or <c>return</c>; a returned summary needs a comment saying what to rewrite.</summary>
public sealed record ReviewWorkReportCommand(string? Decision, string? Comment);

public sealed record WorkReportResponse(
    Guid Id, Guid EstateId, string Clerk, string ClerkName, SummaryPeriod Period, DateOnly FirstDay, string Summary, string? NextMonthPlan,
    WorkReportStatus Status, DateTimeOffset SubmittedAt, string? ReviewerName, string? ReviewComment, DateTimeOffset? ReviewedAt);

/// <summary>
/// Weekly and monthly work summaries, written by each clerk and reviewed by their superior (a CS supervisor or the estate
/// manager): accepted, or returned with a comment and written again.
/// </summary>
public static class WorkReportsApi
{
    private enum ReviewDecision
    {
        Accept,
        Return,
    }

    public static RouteGroupBuilder MapWorkReportsApi(this RouteGroupBuilder log)
    {
        log.MapPost("/reports", Submit);
        log.MapGet("/reports", List);
        log.MapPost("/reports/{id:guid}/review", Review).RequireRoles(ReceptionRoles.Supervisors);
        return log;
    }

    /// <summary>Submits the summary (201), or writes a returned one again (200); a period still to come is refused.</summary>
    public static async Task<Results<Created<WorkReportResponse>, Ok<WorkReportResponse>>> Submit(
        SubmitWorkReportCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var period = errors.Enum<SummaryPeriod>(command.Period, "period");
        if (command.Period is not null && period == SummaryPeriod.Day)
        {
            errors.Add("period", "A summary is weekly or monthly; the day's work is the work log.");
        }

        var date = command.Date is null ? null : WorkLogApi.Day(errors, command.Date, "date");
        var summary = errors.Text(command.Summary, "summary", maxLength: 8000);
        var plan = errors.OptionalText(command.NextMonthPlan, "nextMonthPlan", maxLength: 8000);
        if (period == SummaryPeriod.Month && plan is null)
        {
            errors.Add("nextMonthPlan", "A monthly summary carries next month's plan.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new ValidationFailedException("estateId", "No such estate in the registry.");
        var calendar = estate.Calendar();
        var now = time.GetUtcNow();
        var today = calendar.LocalDay(now);
        var span = ReportingPeriod.Containing(period, date ?? today, calendar);
        if (span.FirstDay > today)
        {
            throw new ValidationFailedException("date", "That period has not begun yet.");
        }

        var clerk = scope.Account();
        var existing = await db.WorkReports.SingleOrDefaultAsync(
            r => r.EstateId == estateId && r.Clerk == clerk && r.Period == period && r.FirstDay == span.FirstDay, cancellationToken);
        if (existing is not null)
        {
            existing.Resubmit(summary, plan, now);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(ToResponse(existing));
        }

        var report = WorkReport.Submit(estateId, clerk, scope.DisplayName(), span, summary, plan, now);
        db.WorkReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/work-log/reports?estateId={estateId}", ToResponse(report));
    }

    /// <summary>Summaries, newest first: a clerk's own; for supervisors and managers any clerk's, by estate, clerk or status.</summary>
    public static async Task<Ok<Page<WorkReportResponse>>> List(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, string? clerk, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        WorkReportStatus? statusFilter = status is null ? null : errors.Enum<WorkReportStatus>(status, "status");
        errors.ThrowIfAny();
        var whose = WorkLogApi.WhoseWork(scope, clerk);
        var query = db.WorkReports.AsNoTracking();
        query = estateId is null ? query : query.Where(r => r.EstateId == estateId);
        query = whose is null ? query : query.Where(r => r.Clerk == whose);
        query = statusFilter is null ? query : query.Where(r => r.Status == statusFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(r => r.SubmittedAt, r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<WorkReportResponse>> Review(
        Guid id, ReviewWorkReportCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var decision = errors.Enum<ReviewDecision>(command.Decision, "decision");
        var comment = errors.OptionalText(command.Comment, "comment", maxLength: 2000);
        if (command.Decision is not null && decision == ReviewDecision.Return && comment is null)
        {
            errors.Add("comment", "Say what to rewrite when returning a summary.");
        }

        errors.ThrowIfAny();
        var report = await db.WorkReports.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Work report", id);
        scope.EnsureCanWrite(report.EstateId);
        report.Review(decision == ReviewDecision.Accept, scope.Account(), scope.DisplayName(), comment, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(report));
    }

    private static WorkReportResponse ToResponse(WorkReport r) => new(
        r.Id, r.EstateId, r.Clerk, r.ClerkName, r.Period, r.FirstDay, r.Summary, r.NextMonthPlan, r.Status, r.SubmittedAt, r.ReviewerName,
        r.ReviewComment, r.ReviewedAt);
}
