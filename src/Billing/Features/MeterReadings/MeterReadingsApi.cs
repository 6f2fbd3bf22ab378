using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.MeterReadings;

/// <summary>What a meter showed: <c>meter</c> water or electricity, <c>reading</c> in m³ or kWh (at most 3 decimals), <c>readOn</c> the estate-local day (yyyy-MM-dd).</summary>
public sealed record MeterReadingCommand(string? Meter, decimal? Reading, string? ReadOn);

public sealed record MeterReadingResponse(
    Guid Id, Guid EstateId, Guid UnitId, string Meter, decimal Reading, string UnitOfMeasure, DateOnly ReadOn, string Source, string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>
/// Water and electricity meter readings of a unit, which metered billing runs charge consumption from. A meter only
/// counts up, so a reading is refused when it is lower than the meter's reading of an earlier day or higher than that of
/// a later day; one reading per meter and day (sending the same one again answers the reading already kept). Reception's
/// move-ins and move-outs add their handover readings too (<c>ResidentMovedInConsumer</c>).
/// </summary>
public static class MeterReadingsApi
{
    public static RouteGroupBuilder MapMeterReadingsApi(this RouteGroupBuilder api)
    {
        var readings = api.MapGroup("/units/{unitId:guid}/meter-readings").WithTags("Meter readings");
        readings.MapPost("/", Record).RequireRoles(BillingRoles.MeterReaders);
        readings.MapGet("/", List).RequireRoles(BillingRoles.Readers);
        return api;
    }

    /// <summary>Records a reading (201), or answers the same reading kept for that meter and day before (200).</summary>
    public static async Task<Results<Created<MeterReadingResponse>, Ok<MeterReadingResponse>>> Record(
        Guid unitId, MeterReadingCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var meter = ParseMeter(errors, command.Meter, "meter");
        var value = Reading(errors, command.Reading, "reading");
        var readOn = errors.LocalDate(command.ReadOn, "readOn");
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId, unitId);
        var estate = await BillingEstates.GetAsync(db, unit.EstateId, cancellationToken);
        var today = estate.ToCalendar().LocalDay(time.GetUtcNow());
        if (command.ReadOn is not null && readOn > today)
        {
            errors.Add("readOn", $"Cannot be in the future (today is {today:yyyy-MM-dd} in the estate).");
        }

        errors.ThrowIfAny();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Readings of one meter queue here, so two different readings for one day never both pass the checks below.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({$"meter-reading|{unitId}|{meter}"}, 0))", ct);
            var sameDay = await db.MeterReadings.AsNoTracking()
                .Where(r => r.UnitId == unitId && r.Meter == meter && r.ReadOn == readOn).OrderByDescending(r => r.RecordedAt).FirstOrDefaultAsync(ct);
            if (sameDay is not null)
            {
                return sameDay.Value == value
                    ? (Results<Created<MeterReadingResponse>, Ok<MeterReadingResponse>>)TypedResults.Ok(ToResponse(sameDay))
                    : throw new ValidationFailedException("reading", $"The {meter.Name()} meter was read as {Show(sameDay.Value)} on {Day(readOn)} already; a day has one reading.");
            }

            var before = await db.MeterReadings.AsNoTracking()
                .Where(r => r.UnitId == unitId && r.Meter == meter && r.ReadOn < readOn).OrderByDescending(r => r.ReadOn).ThenByDescending(r => r.RecordedAt).FirstOrDefaultAsync(ct);
            var after = await db.MeterReadings.AsNoTracking()
                .Where(r => r.UnitId == unitId && r.Meter == meter && r.ReadOn > readOn).OrderBy(r => r.ReadOn).ThenBy(r => r.RecordedAt).FirstOrDefaultAsync(ct);
            if (before is not null && value < before.Value)
            {
                throw new ValidationFailedException(
                    "reading", $"Cannot be lower than the {meter.Name()} meter's reading of {Show(before.Value)} on {Day(before.ReadOn)}: a meter only counts up.");
            }

            if (after is not null && value > after.Value)
            {
                throw new ValidationFailedException(
                    "reading", $"Cannot be higher than the {meter.Name()} meter's later reading of {Show(after.Value)} on {Day(after.ReadOn)}: a meter only counts up.");
            }

            var reading = MeterReading.Record(unit.EstateId, unitId, meter, value, readOn, MeterReadingSource.Staff, scope.Account(), time.GetUtcNow());
            db.MeterReadings.Add(reading);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return TypedResults.Created($"/api/billing/units/{unitId}/meter-readings?meter={meter.Name()}", ToResponse(reading));
        }, cancellationToken);
    }

    /// <summary>The unit's readings, the latest recorded first; of one meter when <c>meter</c> is given.</summary>
    public static async Task<Ok<Page<MeterReadingResponse>>> List(
        Guid unitId, BillingDbContext db, string? meter, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var only = meter is null ? (Meter?)null : ParseMeter(errors, meter, "meter");
        errors.ThrowIfAny();
        if (!await db.Units.AnyAsync(u => u.UnitId == unitId, cancellationToken))
        {
            throw new NotFoundException("Unit", unitId);
        }

        var query = db.MeterReadings.AsNoTracking().Where(r => r.UnitId == unitId);
        query = only is { } m ? query.Where(r => r.Meter == m) : query;
        return TypedResults.Ok(await query.ToKeysetPageAsync(r => r.RecordedAt, r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    private static Meter ParseMeter(InputErrors errors, string? value, string field)
    {
        if (Meters.TryParse(value, out var meter))
        {
            return meter;
        }

        errors.Add(field, $"Must be one of: {string.Join(", ", Enum.GetValues<Meter>().Select(m => m.Name()))}.");
        return default;
    }

    private static decimal Reading(InputErrors errors, decimal? value, string field)
    {
        if (value is not { } reading)
        {
            errors.Add(field, "Required: what the meter shows, in m³ (water) or kWh (electricity).");
            return 0m;
        }

        if (decimal.Round(reading, Meters.Decimals) != reading)
        {
            errors.Add(field, $"Must have at most {Meters.Decimals} decimals.");
        }
        else if (reading is < 0m or > Meters.MaxReading)
        {
            errors.Add(field, $"Must be between 0 and {Meters.MaxReading.ToString(CultureInfo.InvariantCulture)}.");
        }

        return reading;
    }

    private static string Show(decimal reading) => reading.ToString("F3", CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static MeterReadingResponse ToResponse(MeterReading r) => new(
        r.Id, r.EstateId, r.UnitId, r.Meter.Name(), r.Value, r.Meter.UnitOfMeasure(), r.ReadOn, r.Source.SourceName(), r.RecordedBy, r.RecordedAt);
}
