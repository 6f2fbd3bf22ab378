using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.WorkLog;

/// <summary>
/// A log entry for the caller's shift; <c>day</c> (yyyy-MM-dd, estate-local) defaults to today, may be yesterday;
/// <c>shift</c> is <c>day</c> (default) or <c>night</c>: the night's log is read at the morning handover.
/// </summary>
public sealed record WriteLogEntryCommand(Guid? EstateId, string? Text, string? Day = null, string? Shift = null);

public sealed record LogEntryResponse(Guid Id, Guid EstateId, string Clerk, string ClerkName, DateOnly Day, Shift Shift, string Text, DateTimeOffset WrittenAt);

/// <summary>
/// What was done in a day, week (Monday to Sunday) or month of the estate's local calendar, counted from the records
/// themselves; for one clerk (<see cref="Clerk"/>) or for the whole estate (null).
/// </summary>
public sealed record WorkSummaryResponse(
    Guid EstateId,
    string? Clerk,
    SummaryPeriod Period,
    DateOnly FirstDay,
    DateOnly LastDay,
    DateTimeOffset From,
    DateTimeOffset To,
    int RequestsRecorded,
    int ParcelsReceived,
    int ParcelsCollected,
    int KeysIssued,
    int KeysReturned,
    int MessagesAnswered,
    int NoticesPublished,
    int LogEntries);

/// <summary>
/// The daily work log of the front desk and its day, week and month summaries. Everyone at the desk writes their own
/// log; a clerk reads only their own log and summary; supervisors and managers read every clerk's of their estates and
/// the estate's totals.
/// </summary>
public static class WorkLogApi
{
    public static RouteGroupBuilder MapWorkLogApi(this RouteGroupBuilder api)
    {
        var log = api.MapGroup("/work-log").WithTags("Work log").RequireRoles(ReceptionRoles.Desk);
        log.MapPost("/", WriteEntry);
        log.MapGet("/", ListEntries);
        log.MapGet("/summary", Summarize);
        log.MapWorkReportsApi();
        log.MapShiftHandoverApi();
        return api;
    }

    public static async Task<Created<LogEntryResponse>> WriteEntry(
        WriteLogEntryCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var text = errors.Text(command.Text, "text", maxLength: 4000);
        var day = command.Day is null ? null : Day(errors, command.Day, "day");
        var shift = command.Shift is null ? Shift.Day : errors.Enum<Shift>(command.Shift, "shift");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new ValidationFailedException("estateId", "No such estate in the registry.");
        var now = time.GetUtcNow();
        var calendar = estate.Calendar();
        var today = DateOnly.FromDateTime(calendar.ToLocal(now).DateTime);
        if (day is { } given && given != today && given != today.AddDays(-1))
        {
            throw new ValidationFailedException("day", "An entry is for today's or yesterday's shift (estate-local).");
        }

        var entry = WorkLogEntry.Write(estateId, scope.Account(), scope.DisplayName(), day ?? today, text, calendar, now, shift);
        db.WorkLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/work-log?estateId={estateId}", ToResponse(entry));
    }

    /// <summary>Log entries, newest first: a clerk's own; for supervisors and managers any clerk's, by estate, clerk or day.</summary>
    public static async Task<Ok<Page<LogEntryResponse>>> ListEntries(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, string? clerk, string? day, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var onDay = day is null ? null : Day(errors, day, "day");
        errors.ThrowIfAny();
        var whose = WhoseWork(scope, clerk);
        var query = db.WorkLog.AsNoTracking();
        query = estateId is null ? query : query.Where(e => e.EstateId == estateId);
        query = whose is null ? query : query.Where(e => e.Clerk == whose);
        query = onDay is null ? query : query.Where(e => e.Day == onDay);
        return TypedResults.Ok(await query.ToKeysetPageAsync(e => e.WrittenAt, e => e.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>
    /// The day, week or month (<paramref name="period"/>, default day) containing <paramref name="date"/> (estate-local,
    /// default today), for one clerk or — supervisors and managers, without <paramref name="clerk"/> — the whole estate.
    /// </summary>
    public static async Task<Ok<WorkSummaryResponse>> Summarize(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? period, string? date, string? clerk,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var kind = period is null ? SummaryPeriod.Day : errors.Enum<SummaryPeriod>(period, "period");
        var onDay = date is null ? null : Day(errors, date, "date");
        errors.ThrowIfAny();
        var whose = WhoseWork(scope, clerk);
        var calendar = (await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estate, cancellationToken)
            ?? throw new NotFoundException("Estate", estate)).Calendar();
        var span = ReportingPeriod.Containing(kind, onDay ?? DateOnly.FromDateTime(calendar.ToLocal(time.GetUtcNow()).DateTime), calendar);
        var (from, to) = (span.From, span.To);

        var requests = db.Requests.Where(r => r.EstateId == estate && r.ReceivedAt >= from && r.ReceivedAt < to);
        var received = db.Parcels.Where(p => p.EstateId == estate && p.ReceivedAt >= from && p.ReceivedAt < to);
        var collected = db.Parcels.Where(p => p.EstateId == estate && p.CollectedAt >= from && p.CollectedAt < to);
        var issued = db.KeyLoans.Where(l => l.EstateId == estate && l.IssuedAt >= from && l.IssuedAt < to);
        var returned = db.KeyLoans.Where(l => l.EstateId == estate && l.ReturnedAt >= from && l.ReturnedAt < to);
        var answers = db.MessageReplies.Where(r => r.EstateId == estate && r.From == MessageAuthor.FrontDesk && r.PostedAt >= from && r.PostedAt < to);
        var notices = db.Notices.Where(n => n.EstateId == estate && n.CreatedAt >= from && n.CreatedAt < to);
        var entries = db.WorkLog.Where(e => e.EstateId == estate && e.Day >= span.FirstDay && e.Day <= span.LastDay);
        if (whose is not null)
        {
            requests = requests.Where(r => r.SubmittedBy == whose);
            received = received.Where(p => p.ReceivedBy == whose);
            collected = collected.Where(p => p.HandedOverBy == whose);
            issued = issued.Where(l => l.IssuedBy == whose);
            returned = returned.Where(l => l.ReturnedTo == whose);
            answers = answers.Where(r => r.Author == whose);
            notices = notices.Where(n => n.PublishedBy == whose);
            entries = entries.Where(e => e.Clerk == whose);
        }

        return TypedResults.Ok(new WorkSummaryResponse(
            estate, whose, kind, span.FirstDay, span.LastDay, from, to,
            RequestsRecorded: await requests.CountAsync(cancellationToken),
            ParcelsReceived: await received.CountAsync(cancellationToken),
            ParcelsCollected: await collected.CountAsync(cancellationToken),
            KeysIssued: await issued.CountAsync(cancellationToken),
            KeysReturned: await returned.CountAsync(cancellationToken),
            MessagesAnswered: await answers.CountAsync(cancellationToken),
            NoticesPublished: await notices.CountAsync(cancellationToken),
            LogEntries: await entries.CountAsync(cancellationToken)));
    }

    /// <summary>
    /// Whose work the caller may read: supervisors, managers and group roles anyone's (null: everyone's); a clerk only
    /// their own, so asking for another clerk's is refused.
    /// </summary>
    internal static string? WhoseWork(EstateScope scope, string? clerk)
    {
        var readsAll = scope.SeesAllEstates || scope.IsInRole(PlatformRoles.CustomerServiceSupervisor) || scope.IsInRole(PlatformRoles.EstateManager);
        if (readsAll)
        {
            return string.IsNullOrWhiteSpace(clerk) ? null : clerk.Trim();
        }

        if (!string.IsNullOrWhiteSpace(clerk) && clerk.Trim() != scope.Account())
        {
            throw new ForbiddenException("A clerk reads their own work log only.");
        }

        return scope.Account();
    }

    internal static DateOnly? Day(InputErrors errors, string value, string field)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, "Must be a date as yyyy-MM-dd.");
        return null;
    }

    internal static LogEntryResponse ToResponse(WorkLogEntry e) => new(e.Id, e.EstateId, e.Clerk, e.ClerkName, e.Day, e.Shift, e.Text, e.WrittenAt);
}
