using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.HrTraining;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Staff;

/// <summary>Opens an employment file for an identity account (<c>staffId</c>, the token's <c>sub</c>).</summary>
public sealed record HireCommand(
    Guid? StaffId, string? DisplayName, string? Position, string[]? Trades, Guid? HomeEstateId, Guid[]? EstateIds, string? StartsOn, string? Department = null);

/// <summary>The whole new state of the file: position, trades and estates are replaced, not merged.</summary>
public sealed record ChangeStaffCommand(
    string? DisplayName, string? Position, string[]? Trades, Guid? HomeEstateId, Guid[]? EstateIds, string? Department = null);

/// <summary>Ends the employment; <c>lastDay</c> is the estate-local last working day.</summary>
public sealed record EndEmploymentCommand(string? LastDay, string? Reason);

public sealed record StaffResponse(
    Guid StaffId,
    string DisplayName,
    string Position,
    string[] Trades,
    Guid HomeEstateId,
    Guid[] EstateIds,
    DateOnly StartsOn,
    string Status,
    DateOnly? LastDay,
    string? EndReason,
    DateTimeOffset HiredAt,
    DateTimeOffset UpdatedAt,
    string? Department);

/// <summary>
/// The staff roster: each person's employment file (position, trades, the estates they work in, employment status).
/// Every change publishes the staff contracts, which identity (an ended employment disables the account), maintenance
/// and security-gate consume. A file is visible in every estate the person works in.
/// </summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/staff").WithTags("Staff roster");
        staff.MapPost("/", Hire).RequireRoles(HrTrainingRoles.StaffKeepers);
        staff.MapGet("/", List).RequireRoles(HrTrainingRoles.Readers);
        staff.MapGet("/{staffId:guid}", Get).RequireRoles(HrTrainingRoles.Readers);
        staff.MapPut("/{staffId:guid}", Change).RequireRoles(HrTrainingRoles.StaffKeepers);
        staff.MapPost("/{staffId:guid}/end", EndEmployment).RequireRoles(HrTrainingRoles.StaffKeepers);
        return api;
    }

    public static async Task<Created<StaffResponse>> Hire(
        HireCommand command, HrTrainingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var staffId = errors.Id(command.StaffId, "staffId");
        var (name, position, trades, home, estates) = ReadFile(errors, command.DisplayName, command.Position, command.Trades, command.HomeEstateId, command.EstateIds);
        var startsOn = errors.LocalDate(command.StartsOn, "startsOn");
        var department = errors.OptionalText(command.Department, "department", maxLength: 100);
        errors.ThrowIfAny();
        EnsureCanWriteAll(scope, estates);
        if (await db.Staff.IgnoreQueryFilters().AnyAsync(s => s.Id == staffId, cancellationToken))
        {
            throw new ConflictException($"Staff member '{staffId}' already has an employment file; change it instead.");
        }

        var now = time.GetUtcNow();
        var staff = StaffMember.Hire(staffId, home, name, position, trades, estates, startsOn, now, department);
        db.Staff.Add(staff);
        db.AddIntegrationEvent(new StaffHired(
            Guid.CreateVersion7(now), now, home, correlation.CorrelationId, staffId, name, position, trades, estates, startsOn));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same hire sent twice at once (a double click): the first one opened the file.
            throw new ConflictException($"Staff member '{staffId}' already has an employment file; change it instead.");
        }

        return TypedResults.Created($"/api/hr-training/staff/{staffId}", ToResponse(staff));
    }

    public static async Task<Ok<StaffResponse>> Get(Guid staffId, HrTrainingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId)));

    /// <summary>The files visible to the caller, newest hire first; by estate worked in, status or trade.</summary>
    public static async Task<Ok<Page<StaffResponse>>> List(
        HrTrainingDbContext db, Guid? estateId, string? status, string? trade, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var wanted = status is null ? (EmploymentStatus?)null : errors.Enum<EmploymentStatus>(status, "status");
        if (trade is not null)
        {
            errors.Trade(trade, "trade");
        }

        errors.ThrowIfAny();
        var query = db.Staff.AsNoTracking();
        query = estateId is null ? query : query.Where(s => s.EstateIds.Contains(estateId.Value));
        query = wanted is null ? query : query.Where(s => s.Status == wanted);
        query = trade is null ? query : query.Where(s => s.Trades.Contains(trade));
        return TypedResults.Ok(await query.ToKeysetPageAsync(s => s.HiredAt, s => s.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<StaffResponse>> Change(
        Guid staffId, ChangeStaffCommand command, HrTrainingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var (name, position, trades, home, estates) = ReadFile(errors, command.DisplayName, command.Position, command.Trades, command.HomeEstateId, command.EstateIds);
        var department = errors.OptionalText(command.Department, "department", maxLength: 100);
        errors.ThrowIfAny();
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw new NotFoundException("Staff member", staffId);
        // Moving a person out of an estate is as much a change there as moving them in.
        EnsureCanWriteAll(scope, [.. estates.Union(staff.EstateIds)]);
        var now = time.GetUtcNow();
        if (!staff.Change(home, name, position, trades, estates, now, department))
        {
            throw new ConflictException($"The employment of {staff.DisplayName} ({staffId}) has ended; the file is closed to changes.");
        }

        db.AddIntegrationEvent(new StaffChanged(
            Guid.CreateVersion7(now), now, home, correlation.CorrelationId, staffId, name, position, trades, estates));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(staff));
    }

    public static async Task<Ok<StaffResponse>> EndEmployment(
        Guid staffId, EndEmploymentCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var lastDay = errors.LocalDate(command.LastDay, "lastDay");
        var reason = errors.Text(command.Reason, "reason", maxLength: 500);
        errors.ThrowIfAny();
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw new NotFoundException("Staff member", staffId);
        // The home estate holds the employment; the other estates only borrow the person.
        scope.EnsureCanWrite(staff.EstateId);
        if (lastDay < staff.StartsOn)
        {
            throw new ValidationFailedException("lastDay", $"Cannot be before the employment started ({staff.StartsOn:yyyy-MM-dd}).");
        }

        await EndAsync(db, calendars, staff, lastDay, reason, correlation.CorrelationId, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(staff));
    }

    /// <summary>
    /// Ends the employment, to be saved by the caller with whatever led to it (a confirmed dismissal). The one way an
    /// employment ends: a last day today or past (in the home estate's time) ends it at once and announces it
    /// (<c>EmploymentEnded</c>: identity disables the account); a later one is recorded as ending, and
    /// <see cref="EmploymentEndings"/> ends it once that day is over, so the person keeps their account until then.
    /// </summary>
    internal static async Task EndAsync(
        HrTrainingDbContext db, IEstateCalendars calendars, StaffMember staff, DateOnly lastDay, string reason, Guid correlationId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var today = (await calendars.GetKnownAsync(staff.EstateId, cancellationToken)).LocalDay(now);
        var later = lastDay > today;
        if (!(later ? staff.EndOn(lastDay, reason, now) : staff.End(lastDay, reason, now)))
        {
            throw new ConflictException($"The employment of {staff.DisplayName} ({staff.Id}) has already ended.");
        }

        if (!later)
        {
            Announce(db, staff, correlationId, now);
        }
    }

    /// <summary>Announces an employment that ended (<c>EmploymentEnded</c>), to be saved with the end.</summary>
    internal static void Announce(HrTrainingDbContext db, StaffMember staff, Guid correlationId, DateTimeOffset now) =>
        db.AddIntegrationEvent(new EmploymentEnded(Guid.CreateVersion7(now), now, staff.EstateId, correlationId, staff.Id, staff.LastDay!.Value, staff.EndReason!));

    private static (string Name, string Position, string[] Trades, Guid Home, Guid[] Estates) ReadFile(
        InputErrors errors, string? displayName, string? position, string[]? trades, Guid? homeEstateId, Guid[]? estateIds)
    {
        var name = errors.Text(displayName, "displayName", maxLength: 200);
        var pos = errors.Text(position, "position", maxLength: 100);
        var tradeList = errors.Trades(trades, "trades");
        var (home, estates) = errors.Estates(homeEstateId, estateIds);
        return (name, pos, tradeList, home, estates);
    }

    /// <summary>A file spans estates; the caller must be assigned to each one it touches.</summary>
    private static void EnsureCanWriteAll(EstateScope scope, IEnumerable<Guid> estateIds)
    {
        foreach (var estateId in estateIds)
        {
            scope.EnsureCanWrite(estateId);
        }
    }

    internal static StaffResponse ToResponse(StaffMember s) => new(
        s.Id, s.DisplayName, s.Position, s.Trades, s.EstateId, s.EstateIds, s.StartsOn, s.IsEnding ? "Ending" : s.Status.ToString(), s.LastDay, s.EndReason, s.HiredAt, s.UpdatedAt, s.Department);
}
