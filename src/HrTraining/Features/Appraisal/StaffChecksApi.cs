using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Appraisal;

/// <summary>A check of <c>staffId</c> made on the estate-local <c>day</c>; <c>frequency</c> daily, weekly or monthly; notes required for a failing score.</summary>
public sealed record RecordCheckCommand(Guid? StaffId, Guid? EstateId, string? Frequency, string? Day, int? Score, string? Notes);

public sealed record CheckResponse(
    Guid Id, Guid EstateId, Guid StaffId, string Area, string Frequency, DateOnly Day, DateOnly PeriodStart, int Score, bool Failed, string Notes,
    string CheckerName, DateTimeOffset RecordedAt);

/// <summary>
/// Daily, weekly and monthly checks of maintenance, security and cleaning staff (domain.md, appraisal): each area's
/// supervisor (or the estate manager) records a score and notes; the appraisal combines them with the other parts.
/// </summary>
public static class StaffChecksApi
{
    public static RouteGroupBuilder MapStaffChecksApi(this RouteGroupBuilder api)
    {
        var checks = api.MapGroup("/appraisal/checks").WithTags("Appraisal");
        checks.MapPost("/", Record).RequireRoles(HrTrainingRoles.Supervisors);
        checks.MapGet("/", List).RequireRoles(HrTrainingRoles.Readers);
        return api;
    }

    public static async Task<Created<CheckResponse>> Record(
        RecordCheckCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var staffId = errors.Id(command.StaffId, "staffId");
        var estateId = errors.Id(command.EstateId, "estateId");
        var frequency = errors.Enum<CheckFrequency>(command.Frequency, "frequency");
        var day = errors.LocalDate(command.Day, "day");
        if (command.Score is not (>= 1 and <= 5))
        {
            errors.Add("score", "Required, 1 (poor) to 5 (excellent).");
        }

        var notes = command.Score is <= StaffCheck.FailingScore
            ? errors.Text(command.Notes, "notes", maxLength: 2000, minLength: 10)
            : errors.OptionalText(command.Notes, "notes", maxLength: 2000) ?? "";
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var now = time.GetUtcNow();
        if (day > (await calendars.GetKnownAsync(estateId, cancellationToken)).LocalDay(now))
        {
            throw new ValidationFailedException("day", "A check is recorded once made: the day cannot be in the future.");
        }

        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId);
        if (!staff.WorksIn(estateId))
        {
            throw new ValidationFailedException("estateId", $"{staff.DisplayName} does not work in this estate.");
        }

        var area = StaffCheck.AreaOf(staff)
            ?? throw new ValidationFailedException("staffId", $"{staff.DisplayName} is not maintenance, security or cleaning staff, who get these checks.");
        if (!scope.IsInRole(PlatformRoles.GroupAdmin) && !StaffCheck.CheckersOf(area).Any(scope.IsInRole))
        {
            throw new ForbiddenException($"{area} staff are checked by their own supervisor or the estate manager.");
        }

        if (scope.Subject == staffId.ToString())
        {
            throw new ForbiddenException("Nobody checks themself.");
        }

        var check = StaffCheck.Record(estateId, staffId, area, frequency, day, command.Score!.Value, notes, scope.Account(), scope.DisplayName(), now);
        db.StaffChecks.Add(check);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"{staff.DisplayName} already has a {frequency.ToString().ToLowerInvariant()} check for the period starting {check.PeriodStart:yyyy-MM-dd}.");
        }

        return TypedResults.Created($"/api/hr-training/appraisal/checks?estateId={estateId}&staffId={staffId}", ToResponse(check));
    }

    /// <summary>An estate's checks, latest recorded first; of one person, of one frequency.</summary>
    public static async Task<Ok<Page<CheckResponse>>> List(
        HrTrainingDbContext db, Guid? estateId, Guid? staffId, string? frequency, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var person = errors.OptionalId(staffId, "staffId", "for everyone");
        var wanted = frequency is null ? (CheckFrequency?)null : errors.Enum<CheckFrequency>(frequency, "frequency");
        errors.ThrowIfAny();
        Training.TrainingApi.VisibleEstate(db, estate);

        var query = db.StaffChecks.AsNoTracking().Where(c => c.EstateId == estate);
        query = person is null ? query : query.Where(c => c.StaffId == person);
        query = wanted is null ? query : query.Where(c => c.Frequency == wanted);
        return TypedResults.Ok(await query.ToKeysetPageAsync(c => c.RecordedAt, c => c.Id, cursor, limit, ToResponse, cancellationToken));
    }

    internal static CheckResponse ToResponse(StaffCheck c) => new(
        c.Id, c.EstateId, c.StaffId, c.Area.ToString(), c.Frequency.ToString(), c.Day, c.PeriodStart, c.Score, c.Failed, c.Notes, c.CheckerName, c.RecordedAt);
}
