using PropertyPlatform.ServiceDefaults.Data;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Rosters;

/// <summary>
/// One shift on an estate's roster for a local <c>day</c>: from <c>startsAt</c> to <c>endsAt</c> (estate-local
/// <c>HH:mm</c>; an end at or before the start is the next morning, a night shift), at exactly one trade or post.
/// </summary>
public sealed record AssignShiftCommand(
    Guid? EstateId, string? Day, Guid? StaffId, string? Shift, string? StartsAt, string? EndsAt, string? Trade, string? Post);

public sealed record PublishRosterCommand(Guid? EstateId, string? Day);

public sealed record ShiftResponse(
    Guid Id, Guid StaffId, string StaffName, string Shift, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Trade, string? Post,
    DateTimeOffset? PublishedAt);

public sealed record RosterResponse(Guid EstateId, DateOnly Day, DateTimeOffset? PublishedAt, ShiftResponse[] Shifts);

/// <summary>
/// Duty rosters: shifts per estate, estate-local day and trade or post. Only people still employed, working in the
/// estate and certified for the duty that day can be put on a shift (培训合格后方可上岗), and publishing checks it again.
/// Publishing a day sends the whole day's roster (<c>DutyRosterPublished</c>), which replaces the earlier one.
/// </summary>
public static class RostersApi
{
    public static RouteGroupBuilder MapRostersApi(this RouteGroupBuilder api)
    {
        var rosters = api.MapGroup("/rosters").WithTags("Duty rosters").RequireRoles(HrTrainingRoles.RosterPlanners);
        rosters.MapGet("/", GetRoster);
        rosters.MapPost("/shifts", AssignShift);
        rosters.MapDelete("/shifts/{id:guid}", RemoveShift);
        rosters.MapPost("/publish", Publish);
        return api;
    }

    public static async Task<Created<ShiftResponse>> AssignShift(
        AssignShiftCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var day = errors.LocalDate(command.Day, "day");
        var staffId = errors.Id(command.StaffId, "staffId");
        var shiftName = errors.Text(command.Shift, "shift", maxLength: 50);
        var starts = LocalTime(errors, command.StartsAt, "startsAt");
        var ends = LocalTime(errors, command.EndsAt, "endsAt");
        var duty = errors.Duty(command.Trade, command.Post);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var calendar = await calendars.GetKnownAsync(estateId, cancellationToken);
        var startsAt = calendar.ToInstant(day, starts);
        var endsAt = calendar.ToInstant(ends > starts ? day : day.AddDays(1), ends);

        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new ValidationFailedException("staffId", "No employment file for this person in your estates.");
        var certifications = await db.Certifications.AsNoTracking()
            .Where(c => c.StaffId == staffId && c.EstateId == estateId && c.Kind == duty.Kind && c.Name == duty.Name)
            .ToListAsync(cancellationToken);
        if (DutyGate.Refusal(staff, certifications, estateId, duty, day, DutyShift.LastDay(calendar, endsAt)) is { } refusal)
        {
            throw new ConflictException(refusal);
        }

        // Approved leave takes the person off duty: a shift on any day of it is refused, as approving it removed the ones planned.
        var lastDay = DutyShift.LastDay(calendar, endsAt);
        if (await db.LeaveRequests.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.StaffId == staffId && l.Status == LeaveStatus.Approved && l.From <= lastDay && day <= l.Until)
                .OrderBy(l => l.From).FirstOrDefaultAsync(cancellationToken) is { } leave)
        {
            throw new ConflictException($"{staff.DisplayName} ({staffId}) is on approved leave from {leave.From:yyyy-MM-dd} to {leave.Until:yyyy-MM-dd}.");
        }

        // A person is in one place at a time, whichever estate's roster holds the other shift.
        if (await db.Shifts.IgnoreQueryFilters().AnyAsync(s => s.StaffId == staffId && s.StartsAt < endsAt && startsAt < s.EndsAt, cancellationToken))
        {
            throw new ConflictException($"{staff.DisplayName} ({staffId}) already has a shift overlapping {startsAt:u}–{endsAt:u}.");
        }

        var now = time.GetUtcNow();
        var roster = await db.Rosters.SingleOrDefaultAsync(r => r.EstateId == estateId && r.Day == day, cancellationToken);
        if (roster is null)
        {
            roster = DutyRoster.Open(estateId, day, now);
            db.Rosters.Add(roster);
        }

        roster.Touch(now);
        var shift = DutyShift.Assign(roster, staff, shiftName, startsAt, endsAt, duty, scope.Account(), now);
        db.Shifts.Add(shift);
        await SaveAsync(db, cancellationToken);
        return TypedResults.Created($"/api/hr-training/rosters?estateId={estateId}&day={day:yyyy-MM-dd}", ToResponse(shift));
    }

    public static async Task<NoContent> RemoveShift(Guid id, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var shift = await db.Shifts.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Shift", id);
        scope.EnsureCanWrite(shift.EstateId);
        var roster = await db.Rosters.SingleAsync(r => r.Id == shift.RosterId, cancellationToken);
        roster.Touch(time.GetUtcNow());
        db.Shifts.Remove(shift);
        await SaveAsync(db, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The day's roster as planned, each shift with when it was published (null: not yet).</summary>
    public static async Task<Ok<RosterResponse>> GetRoster(HrTrainingDbContext db, Guid? estateId, string? day, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var localDay = errors.LocalDate(day, "day");
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var roster = await db.Rosters.AsNoTracking().SingleOrDefaultAsync(r => r.EstateId == estate && r.Day == localDay, cancellationToken);
        var shifts = roster is null ? [] : await ShiftsOf(db, roster.Id).AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(new RosterResponse(estate, localDay, roster?.PublishedAt, [.. shifts.Select(ToResponse)]));
    }

    /// <summary>
    /// Publishes the whole day (an empty day clears it). Everyone on it is checked again: a certification that expired or
    /// was revoked, or an employment that ended since the shift was planned, refuses the publish naming each person.
    /// </summary>
    public static async Task<Ok<RosterResponse>> Publish(
        PublishRosterCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var day = errors.LocalDate(command.Day, "day");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var now = time.GetUtcNow();
        var roster = await db.Rosters.SingleOrDefaultAsync(r => r.EstateId == estateId && r.Day == day, cancellationToken);
        if (roster is null)
        {
            roster = DutyRoster.Open(estateId, day, now);
            db.Rosters.Add(roster);
        }

        var shifts = await ShiftsOf(db, roster.Id).ToListAsync(cancellationToken);
        var calendar = shifts.Count == 0 ? null : await calendars.GetKnownAsync(estateId, cancellationToken);
        var staffIds = shifts.Select(s => s.StaffId).Distinct().ToList();
        var staff = await db.Staff.IgnoreQueryFilters().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var certifications = await db.Certifications.Where(c => c.EstateId == estateId && staffIds.Contains(c.StaffId)).ToListAsync(cancellationToken);
        var refusals = shifts
            .Select(s => DutyGate.Refusal(staff[s.StaffId], certifications, estateId, s.Duty, day, s.LastDay(calendar!)))
            .OfType<string>().Distinct().ToList();
        if (refusals.Count > 0)
        {
            throw new ConflictException($"The roster cannot be published: {string.Join(" ", refusals)}");
        }

        Announce(db, roster, shifts, scope.Account(), correlation.CorrelationId, now);
        await SaveAsync(db, cancellationToken);
        return TypedResults.Ok(new RosterResponse(estateId, day, roster.PublishedAt, [.. shifts.Select(ToResponse)]));
    }

    /// <summary>
    /// Publishes <paramref name="roster"/> with <paramref name="shifts"/> as the whole day (<c>DutyRosterPublished</c>,
    /// which replaces the day in reception's and maintenance's read models), to be saved by the caller.
    /// </summary>
    internal static void Announce(HrTrainingDbContext db, DutyRoster roster, IReadOnlyList<DutyShift> shifts, string publishedBy, Guid correlationId, DateTimeOffset now)
    {
        roster.Publish(shifts, publishedBy, now);
        db.AddIntegrationEvent(new DutyRosterPublished(
            Guid.CreateVersion7(now), now, roster.EstateId, correlationId, roster.Day,
            [.. shifts.Select(s => new DutyAssignment(s.StaffId, s.Shift, s.StartsAt, s.EndsAt, s.Duty.PostName, s.Duty.TradeName))]));
    }

    /// <summary>
    /// Takes the person on <paramref name="leave"/> (just approved) off every roster on its days: their shifts not yet
    /// over and not signed into are removed, and each day already published is published again without them, the
    /// shifts it had published as they were (a planned shift not yet published stays unpublished). Shifts already
    /// worked or over stay, so the sheet counts them as leave. To be saved by the caller.
    /// </summary>
    internal static async Task TakeOffDutyAsync(
        HrTrainingDbContext db, IEstateCalendars calendars, LeaveRequest leave, string publishedBy, Guid correlationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // A night shift from the day before the leave runs into its first day.
        var candidates = await db.Shifts.IgnoreQueryFilters()
            .Where(s => s.StaffId == leave.StaffId && s.Day >= leave.From.AddDays(-1) && s.Day <= leave.Until && s.EndsAt > now
                && !db.AttendanceRecords.IgnoreQueryFilters().Any(r => r.ShiftId == s.Id))
            .ToListAsync(cancellationToken);
        var removed = new List<DutyShift>();
        foreach (var shift in candidates)
        {
            var calendar = await calendars.GetKnownAsync(shift.EstateId, cancellationToken);
            if (leave.CoversAnyOf(shift.Day, shift.LastDay(calendar)))
            {
                removed.Add(shift);
            }
        }

        foreach (var day in removed.GroupBy(s => s.RosterId))
        {
            var roster = await db.Rosters.IgnoreQueryFilters().SingleAsync(r => r.Id == day.Key, cancellationToken);
            roster.Touch(now);
            db.Shifts.RemoveRange(day);
            if (roster.PublishedAt is not null)
            {
                var gone = day.Select(s => s.Id).ToList();
                var stillPublished = await db.Shifts.IgnoreQueryFilters()
                    .Where(s => s.RosterId == roster.Id && s.PublishedAt != null && !gone.Contains(s.Id))
                    .OrderBy(s => s.StartsAt).ThenBy(s => s.StaffName).ToListAsync(cancellationToken);
                Announce(db, roster, stillPublished, publishedBy, correlationId, now);
            }
        }
    }

    private static IQueryable<DutyShift> ShiftsOf(HrTrainingDbContext db, Guid rosterId) =>
        db.Shifts.Where(s => s.RosterId == rosterId).OrderBy(s => s.StartsAt).ThenBy(s => s.StaffName);

    private static TimeOnly LocalTime(InputErrors errors, string? value, string field)
    {
        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, "Required, as HH:mm (the estate's local time).");
        return default;
    }

    private static async Task SaveAsync(HrTrainingDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
        {
            throw new ConflictException("The roster was changed meanwhile; read it again and retry.");
        }
    }

    private static ShiftResponse ToResponse(DutyShift s) =>
        new(s.Id, s.StaffId, s.StaffName, s.Shift, s.StartsAt, s.EndsAt, s.Duty.TradeName, s.Duty.PostName, s.PublishedAt);
}
