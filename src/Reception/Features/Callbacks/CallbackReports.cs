using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.Callbacks;

/// <summary>
/// One kind of callback in a month: how many were due, how many were made (and in time), the rate against the
/// group's target. A month without any has no rate and meets the target.
/// </summary>
public sealed record CallbackCoverage(int Due, int Called, int CalledInTime, decimal? Rate, decimal Target, bool MeetsTarget);

/// <summary>Other request types: how many were eligible, how many the sampler chose, and how many of those were called.</summary>
public sealed record CallbackSample(int Eligible, int Sampled, decimal? SampleRate, decimal Target, bool MeetsTarget, int Called);

public sealed record SatisfactionLine(int Answered, int Satisfied, decimal? Rate, decimal Target, bool MeetsTarget);

public sealed record CallbackReportResponse(
    Guid EstateId,
    string Month,
    DateTimeOffset From,
    DateTimeOffset To,
    CallbackCoverage Repairs,
    CallbackCoverage PaidServices,
    CallbackSample OtherRequests,
    int OverdueNow,
    SatisfactionLine Satisfaction);

/// <summary>The monthly callback-rate report for an estate's manager, in the estate's own calendar month.</summary>
public static class CallbackReports
{
    public const decimal RepairTarget = 0.98m;
    public const decimal PaidServiceTarget = 1.00m;
    public const decimal SatisfactionTarget = 0.90m;

    public static async Task<Ok<CallbackReportResponse>> Monthly(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? month, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateKey = errors.Id(estateId, "estateId");
        var firstDay = errors.Month(month, "month");
        errors.ThrowIfAny();
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateKey, cancellationToken)
            ?? throw new NotFoundException("Estate", estateKey);
        var (from, to) = estate.Calendar().LocalMonth(firstDay);
        var now = time.GetUtcNow();

        var callbacks = await db.Callbacks.AsNoTracking()
            .Where(c => c.EstateId == estate.Id && c.CreatedAt >= from && c.CreatedAt < to)
            .GroupBy(c => c.Selection)
            .Select(g => new
            {
                Selection = g.Key,
                Due = g.Count(),
                Called = g.Count(c => c.Status == CallbackStatus.Completed),
            })
            .ToListAsync(cancellationToken);
        var inTime = await db.Callbacks.AsNoTracking()
            .Where(c => c.EstateId == estate.Id && c.CreatedAt >= from && c.CreatedAt < to && c.Status == CallbackStatus.Completed && c.CalledAt <= c.Due.DueAt)
            .GroupBy(c => c.Selection)
            .Select(g => new { Selection = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Selection, g => g.Count, cancellationToken);
        var eligibleForSample = await db.Requests.AsNoTracking().CountAsync(
            r => r.EstateId == estate.Id && r.CompletedAt >= from && r.CompletedAt < to && r.Category != RequestCategory.Repair && !r.Chargeable,
            cancellationToken);
        var overdue = await db.Callbacks.AsNoTracking().CountAsync(
            c => c.EstateId == estate.Id && c.Status == CallbackStatus.Pending && c.Due.DueAt < now, cancellationToken);
        var answers = await db.Callbacks.AsNoTracking()
            .Where(c => c.EstateId == estate.Id && c.CalledAt >= from && c.CalledAt < to)
            .GroupBy(c => 1)
            .Select(g => new { Answered = g.Count(), Satisfied = g.Count(c => c.Satisfied == true) })
            .SingleOrDefaultAsync(cancellationToken);

        CallbackCoverage Coverage(CallbackSelection selection, decimal target)
        {
            var line = callbacks.SingleOrDefault(c => c.Selection == selection);
            var rate = Rate(line?.Called ?? 0, line?.Due ?? 0);
            return new CallbackCoverage(line?.Due ?? 0, line?.Called ?? 0, inTime.GetValueOrDefault(selection), rate, target, rate is null || rate >= target);
        }

        var sample = callbacks.SingleOrDefault(c => c.Selection == CallbackSelection.Sample);
        var sampleRate = Rate(sample?.Due ?? 0, eligibleForSample);
        var satisfaction = Rate(answers?.Satisfied ?? 0, answers?.Answered ?? 0);
        return TypedResults.Ok(new CallbackReportResponse(
            estate.Id,
            firstDay.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            from,
            to,
            Coverage(CallbackSelection.Repair, RepairTarget),
            Coverage(CallbackSelection.PaidService, PaidServiceTarget),
            new CallbackSample(eligibleForSample, sample?.Due ?? 0, sampleRate, estate.SampleRate,
                sampleRate is null || sampleRate >= estate.SampleRate, sample?.Called ?? 0),
            overdue,
            new SatisfactionLine(answers?.Answered ?? 0, answers?.Satisfied ?? 0, satisfaction, SatisfactionTarget,
                satisfaction is null || satisfaction >= SatisfactionTarget)));
    }

    /// <summary>A share rounded to four places, or null when there is nothing to measure.</summary>
    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
