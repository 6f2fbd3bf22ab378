using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Features.ButlerVisits;

/// <summary>A home visit by appointment; the time is the estate's local wall-clock time, <c>yyyy-MM-ddTHH:mm</c>.</summary>
public sealed record ScheduleVisitCommand(Guid? EstateId, Guid? UnitId, string? Butler, string? AppointmentAt);

/// <summary>Agrees (or moves) the appointment of a visit: a system-made visit task, or a visit not yet made.</summary>
public sealed record ArrangeVisitCommand(string? Butler, string? AppointmentAt);

/// <summary>An issue the household raised; it becomes a customer request (channel ButlerVisit) for the visited unit.</summary>
public sealed record VisitIssue(string? Category, string? Urgency, string? Description);

/// <summary>
/// How the visit went. When it took place: the household's opinions, family changes and the arrears discussed, and who
/// in the household acknowledged the record (<c>acknowledgedBy</c>, required), plus issues raised. A dunning follow-up
/// may carry the reason the owner gave for the arrears (<c>arrearsReason</c>). <c>visitedAt</c> defaults to now.
/// </summary>
public sealed record RecordVisitOutcomeCommand(
    string? Outcome, string? Notes, DateTimeOffset? VisitedAt, VisitIssue[]? Issues,
    string? Opinions = null, string? FamilyChanges = null, string? ArrearsDiscussed = null, string? AcknowledgedBy = null, string? ArrearsReason = null);

public sealed record ButlerVisitResponse(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    ButlerVisitKind Kind,
    ButlerVisitStatus Status,
    string? Butler,
    DateTimeOffset? AppointmentAt,
    ButlerVisitOutcome? Outcome,
    string? Notes,
    DateTimeOffset? VisitedAt,
    string? RecordedBy,
    VisitRecord? Record,
    ArrearsReason? ArrearsReason,
    IReadOnlyList<Guid> RequestIds,
    Guid? OwnerId,
    decimal? ArrearsAmount,
    string? Currency,
    int? DunningStep,
    DateTimeOffset CreatedAt);

/// <summary>An occupied household short of its visits for the year: how many took place, how many are missing.</summary>
public sealed record VisitCoverageResponse(Guid UnitId, Guid BuildingId, string Number, int CompletedVisits, int MissingVisits);

/// <summary>Butler home visits: every occupied household visited at least twice a year, by appointment.</summary>
public static class ButlerVisitsApi
{
    private const int MaxIssues = 20;

    public static RouteGroupBuilder MapButlerVisitsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/butler-visits").WithTags("Butler visits");
        group.MapPost("/", ScheduleVisit).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/appointment", ArrangeVisit).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/outcome", RecordOutcome).RequireRoles(ReceptionRoles.Desk);
        group.MapGet("/{id:guid}", GetVisit).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapGet("/", ListVisits).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapGet("/coverage", Coverage).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        return group;
    }

    /// <summary>Books a routine visit to an occupied household.</summary>
    public static async Task<Created<ButlerVisitResponse>> ScheduleVisit(
        ScheduleVisitCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var butler = errors.Text(command.Butler, "butler", maxLength: 200);
        var (date, clock) = errors.LocalDateTime(command.AppointmentAt, "appointmentAt");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new ValidationFailedException("estateId", "No such estate in the registry.");
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken)
            ?? throw new ValidationFailedException("unitId", "No such unit in this estate.");
        if (unit.Status != UnitStatus.Occupied)
        {
            throw new ValidationFailedException("unitId", $"Home visits are to occupied households; this unit is {unit.Status}.");
        }

        var now = time.GetUtcNow();
        var visit = ButlerVisit.Schedule(estateId, unitId, butler, estate.Calendar().ToInstant(date, clock), scope.Subject ?? "", now);
        db.ButlerVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/butler-visits/{visit.Id}", ToResponse(visit));
    }

    public static async Task<Ok<ButlerVisitResponse>> ArrangeVisit(
        Guid id, ArrangeVisitCommand command, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var butler = errors.Text(command.Butler, "butler", maxLength: 200);
        var (date, clock) = errors.LocalDateTime(command.AppointmentAt, "appointmentAt");
        errors.ThrowIfAny();
        var visit = await db.ButlerVisits.SingleOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new NotFoundException("Butler visit", id);
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == visit.EstateId, cancellationToken);
        visit.Arrange(butler, estate.Calendar().ToInstant(date, clock));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(visit));
    }

    /// <summary>
    /// Records the outcome once; each issue raised becomes a customer request through <see cref="RequestIntake"/>, in the
    /// owner's name from the roster, linked to the visit, all in one transaction.
    /// </summary>
    public static async Task<Ok<ButlerVisitResponse>> RecordOutcome(
        Guid id,
        RecordVisitOutcomeCommand command,
        ReceptionDbContext db,
        EstateScope scope,
        TimeProvider time,
        CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var outcome = errors.Enum<ButlerVisitOutcome>(command.Outcome, "outcome");
        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 4000);
        var visitedAt = errors.HappenedAt(command.VisitedAt, "visitedAt", now);
        var record = new VisitRecord(
            errors.OptionalText(command.Opinions, "opinions", maxLength: 4000),
            errors.OptionalText(command.FamilyChanges, "familyChanges", maxLength: 2000),
            errors.OptionalText(command.ArrearsDiscussed, "arrearsDiscussed", maxLength: 2000),
            errors.OptionalText(command.AcknowledgedBy, "acknowledgedBy", maxLength: 200));
        if (command.Outcome is not null && outcome == ButlerVisitOutcome.Visited && record.AcknowledgedBy is null)
        {
            errors.Add("acknowledgedBy", "Name the household member who read and acknowledged the visit record.");
        }

        ArrearsReason? arrearsReason = command.ArrearsReason is null ? null : errors.Enum<ArrearsReason>(command.ArrearsReason, "arrearsReason");
        var issues = new List<(RequestCategory Category, Urgency Urgency, string Description)>();
        if (command.Issues is { Length: > 0 } raised)
        {
            if (command.Outcome is not null && outcome != ButlerVisitOutcome.Visited)
            {
                errors.Add("issues", "Issues come from a visit that took place; this one did not.");
            }

            if (raised.Length > MaxIssues)
            {
                errors.Add("issues", $"At most {MaxIssues} issues per visit.");
            }

            for (var i = 0; i < raised.Length; i++)
            {
                var issue = raised[i] ?? new VisitIssue(null, null, null);
                issues.Add((
                    errors.Enum<RequestCategory>(issue.Category, $"issues[{i}].category"),
                    issue.Urgency is null ? Urgency.Normal : errors.Enum<Urgency>(issue.Urgency, $"issues[{i}].urgency"),
                    errors.Text(issue.Description, $"issues[{i}].description", maxLength: 4000, minLength: 3)));
            }
        }

        errors.ThrowIfAny();
        var visit = await db.ButlerVisits.SingleOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new NotFoundException("Butler visit", id);
        visit.Complete(outcome, notes, visitedAt, scope.Subject ?? "", record, arrearsReason);
        if (visit.Kind == ButlerVisitKind.DunningFollowUp)
        {
            // Billing decides the next step of its ladder from how the visit went.
            db.AddIntegrationEvent(new DunningVisitRecorded(
                Guid.CreateVersion7(now), now, visit.EstateId, correlation.CorrelationId, visit.Id, visit.UnitId, visit.OwnerId!.Value, visit.DunningStep!.Value,
                outcome.ToString(), arrearsReason?.ToString().ToLowerInvariant(), visitedAt));
        }

        if (issues.Count > 0)
        {
            var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == visit.EstateId, cancellationToken);
            var owner = await db.Owners.AsNoTracking()
                .Where(o => o.EstateId == visit.EstateId && o.UnitIds.Contains(visit.UnitId))
                .OrderBy(o => o.RegisteredAt)
                .Select(o => new { o.FullName, o.Phone })
                .FirstOrDefaultAsync(cancellationToken);
            foreach (var (category, urgency, description) in issues)
            {
                var request = RequestIntake.Open(
                    db, estate,
                    new NewRequest(visit.UnitId, RequestChannel.ButlerVisit, category, urgency, description, owner?.FullName ?? "Household (butler visit)", owner?.Phone),
                    scope.Subject ?? "", now, correlation.CorrelationId);
                visit.LinkRequest(request.Id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(visit));
    }

    public static async Task<Ok<ButlerVisitResponse>> GetVisit(Guid id, ReceptionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.ButlerVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw new NotFoundException("Butler visit", id)));

    /// <summary>Visits of the caller's estates, newest first, keyset-paged; by estate, unit or status.</summary>
    public static async Task<Ok<Page<ButlerVisitResponse>>> ListVisits(
        ReceptionDbContext db, Guid? estateId, Guid? unitId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        ButlerVisitStatus? statusFilter = status is null ? null : errors.Enum<ButlerVisitStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.ButlerVisits.AsNoTracking();
        query = estateId is null ? query : query.Where(v => v.EstateId == estateId);
        query = unitId is null ? query : query.Where(v => v.UnitId == unitId);
        query = statusFilter is null ? query : query.Where(v => v.Status == statusFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(v => v.CreatedAt, v => v.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>
    /// The estate's households occupied at any time of the year (by today's status or a resident's stay) with fewer than <see cref="ButlerVisit.RequiredPerYear"/> visits that took place in
    /// the estate-local calendar <paramref name="year"/> (this year if left out), in unit registration order, keyset-paged.
    /// One query: the visits are counted by the database, per unit, on the (unit, outcome, visited at) index.
    /// </summary>
    public static async Task<Ok<Page<VisitCoverageResponse>>> Coverage(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, int? year, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateKey = errors.Id(estateId, "estateId");
        if (year is < 2000 or > 2100)
        {
            errors.Add("year", "Must be a calendar year between 2000 and 2100.");
        }

        errors.ThrowIfAny();
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateKey, cancellationToken)
            ?? throw new NotFoundException("Estate", estateKey);
        var calendar = estate.Calendar();
        var (from, to) = ButlerVisit.LocalYear(calendar, year ?? calendar.ToLocal(time.GetUtcNow()).Year);

        var households = ShortHouseholds(db, estateKey, calendar, from, to);
        var page = await households.ToKeysetPageAsync(
            row => row.RegisteredAt, row => row.UnitId, cursor, limit,
            row => new VisitCoverageResponse(row.UnitId, row.BuildingId, row.Number, row.CompletedVisits, ButlerVisit.RequiredPerYear - row.CompletedVisits),
            cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <summary>
    /// The estate's households occupied at some time in [<paramref name="from"/>, <paramref name="to"/>) — by today's status
    /// or a resident's stay: a household that moved out in June was still owed its visits — each with the visits that took
    /// place in it then.
    /// </summary>
    internal static IQueryable<CoverageRow> Households(
        ReceptionDbContext db, Guid estateId, EstateCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var (firstDay, dayAfter) = (calendar.LocalDay(from), calendar.LocalDay(to));
        return db.Units.AsNoTracking()
            .Where(u => u.EstateId == estateId && (u.Status == UnitStatus.Occupied
                || db.Residents.Any(r => r.UnitId == u.Id && r.MovedInOn < dayAfter && (r.MovedOutOn == null || r.MovedOutOn > firstDay))))
            .Select(u => new CoverageRow
            {
                UnitId = u.Id,
                BuildingId = u.BuildingId,
                Number = u.Number,
                RegisteredAt = u.RegisteredAt,
                CompletedVisits = db.ButlerVisits.Count(v =>
                    v.UnitId == u.Id && v.Outcome == ButlerVisitOutcome.Visited && v.VisitedAt >= from && v.VisitedAt < to),
            });
    }

    /// <summary>The households of <see cref="Households"/> with fewer visits than the year requires.</summary>
    internal static IQueryable<CoverageRow> ShortHouseholds(
        ReceptionDbContext db, Guid estateId, EstateCalendar calendar, DateTimeOffset from, DateTimeOffset to) =>
        Households(db, estateId, calendar, from, to).Where(row => row.CompletedVisits < ButlerVisit.RequiredPerYear);

    /// <summary>A unit with its count, shaped so the database can filter and page on the count.</summary>
    internal sealed class CoverageRow
    {
        public Guid UnitId { get; init; }

        public Guid BuildingId { get; init; }

        public string Number { get; init; } = "";

        public DateTimeOffset RegisteredAt { get; init; }

        public int CompletedVisits { get; init; }
    }

    private static ButlerVisitResponse ToResponse(ButlerVisit v) => new(
        v.Id, v.EstateId, v.UnitId, v.Kind, v.Status, v.Butler, v.AppointmentAt, v.Outcome, v.Notes, v.VisitedAt, v.RecordedBy,
        v.Record, v.ArrearsReason, v.RequestIds, v.OwnerId, v.ArrearsAmount, v.Currency, v.DunningStep, v.CreatedAt);
}
