using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.WorkLog;

public sealed record AcknowledgeHandoverCommand(Guid? EstateId, string? Notes);

public sealed record ShiftHandoverResponse(
    Guid Id, Guid EstateId, DateOnly Day, IReadOnlyList<Guid> NightEntryIds, string? Notes, string AcknowledgedBy, string AcknowledgedByName,
    DateTimeOffset AcknowledgedAt, bool Late);

/// <summary>A morning's handover: the night log to read, and its acknowledgement once made.</summary>
public sealed record HandoverStateResponse(Guid EstateId, DateOnly Day, IReadOnlyList<LogEntryResponse> NightLog, ShiftHandoverResponse? Handover);

/// <summary>
/// The 08:30 handover from the night shift: the day clerk reads the night's log (the entries written for the night
/// shift that began the day before) and acknowledges it, once per estate and morning; after 08:40 it is recorded late.
/// </summary>
public static class ShiftHandoverApi
{
    /// <summary>A night's log is short; more than this many entries is not a log but a mistake.</summary>
    private const int MaxNightEntries = 200;

    public static RouteGroupBuilder MapShiftHandoverApi(this RouteGroupBuilder log)
    {
        log.MapGet("/handover", Get);
        log.MapPost("/handover", Acknowledge);
        return log;
    }

    /// <summary>The morning of <paramref name="date"/> (estate-local, default today): the night log and the handover if made.</summary>
    public static async Task<Ok<HandoverStateResponse>> Get(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? date, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var onDay = date is null ? null : WorkLogApi.Day(errors, date, "date");
        errors.ThrowIfAny();
        var calendar = (await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estate, cancellationToken)
            ?? throw new NotFoundException("Estate", estate)).Calendar();
        var day = onDay ?? calendar.LocalDay(time.GetUtcNow());
        var nightLog = await NightLogAsync(db, estate, day, cancellationToken);
        var handover = await db.ShiftHandovers.AsNoTracking().SingleOrDefaultAsync(h => h.EstateId == estate && h.Day == day, cancellationToken);
        return TypedResults.Ok(new HandoverStateResponse(
            estate, day, [.. nightLog.Select(WorkLogApi.ToResponse)], handover is null ? null : ToResponse(handover)));
    }

    /// <summary>The day clerk acknowledges this morning's handover, recording the night entries read; a second time is 409.</summary>
    public static async Task<Created<ShiftHandoverResponse>> Acknowledge(
        AcknowledgeHandoverCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 2000);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new ValidationFailedException("estateId", "No such estate in the registry.");
        var calendar = estate.Calendar();
        var now = time.GetUtcNow();
        var today = calendar.LocalDay(now);
        var nightLog = await NightLogAsync(db, estateId, today, cancellationToken);
        var handover = ShiftHandover.Acknowledge(
            estateId, today, [.. nightLog.Select(e => e.Id)], notes, scope.Account(), scope.DisplayName(), calendar, now);
        db.ShiftHandovers.Add(handover);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"This morning's handover ({today:yyyy-MM-dd}) is acknowledged already.");
        }

        return TypedResults.Created($"/api/reception/work-log/handover?estateId={estateId}&date={today:yyyy-MM-dd}", ToResponse(handover));
    }

    /// <summary>The night shift that ends on the morning of <paramref name="day"/> began the day before.</summary>
    private static Task<List<WorkLogEntry>> NightLogAsync(ReceptionDbContext db, Guid estateId, DateOnly day, CancellationToken cancellationToken) =>
        db.WorkLog.AsNoTracking()
            .Where(e => e.EstateId == estateId && e.Day == day.AddDays(-1) && e.Shift == Shift.Night)
            .OrderBy(e => e.WrittenAt).ThenBy(e => e.Id)
            .Take(MaxNightEntries)
            .ToListAsync(cancellationToken);

    private static ShiftHandoverResponse ToResponse(ShiftHandover h) => new(
        h.Id, h.EstateId, h.Day, h.NightEntryIds, h.Notes, h.AcknowledgedBy, h.AcknowledgedByName, h.AcknowledgedAt, h.Late);
}
