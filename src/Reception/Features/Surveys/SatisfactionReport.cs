using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Reception.Features.Surveys;

/// <summary>
/// An estate's owner satisfaction in one of its local months: each source measured (callbacks made, complaints closed
/// with a score, survey responses with a rating) and all of them together, against the group's 90 %.
/// </summary>
public sealed record SatisfactionReportResponse(
    Guid EstateId,
    string Month,
    DateTimeOffset From,
    DateTimeOffset To,
    SatisfactionLine Callbacks,
    SatisfactionLine Complaints,
    SatisfactionLine Surveys,
    SatisfactionLine Overall);

/// <summary>The monthly owner-satisfaction rate (target ≥ 90 %), counted in the database source by source.</summary>
public static class SatisfactionReport
{
    public static async Task<Ok<SatisfactionReportResponse>> Monthly(
        ReceptionDbContext db, Guid? estateId, string? month, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateKey = errors.Id(estateId, "estateId");
        var firstDay = errors.Month(month, "month");
        errors.ThrowIfAny();
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateKey, cancellationToken)
            ?? throw new NotFoundException("Estate", estateKey);
        var (from, to) = estate.Calendar().LocalMonth(firstDay);

        var callbacks = await db.Callbacks.AsNoTracking()
            .Where(c => c.EstateId == estate.Id && c.Status == CallbackStatus.Completed && c.CalledAt >= from && c.CalledAt < to)
            .GroupBy(c => 1)
            .Select(g => new Tally(g.Count(), g.Count(c => c.Satisfied == true)))
            .SingleOrDefaultAsync(cancellationToken);
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.EstateId == estate.Id && c.SatisfactionScore != null && c.ClosedAt >= from && c.ClosedAt < to)
            .GroupBy(c => 1)
            .Select(g => new Tally(g.Count(), g.Count(c => c.SatisfactionScore >= Complaint.SatisfiedFrom)))
            .SingleOrDefaultAsync(cancellationToken);
        var surveys = await db.SurveySubmissions.AsNoTracking()
            .Where(s => s.EstateId == estate.Id && s.AverageRating != null && s.SubmittedAt >= from && s.SubmittedAt < to)
            .GroupBy(s => 1)
            .Select(g => new Tally(g.Count(), g.Count(s => s.Satisfied)))
            .SingleOrDefaultAsync(cancellationToken);

        var overall = new Tally(
            (callbacks?.Answered ?? 0) + (complaints?.Answered ?? 0) + (surveys?.Answered ?? 0),
            (callbacks?.Satisfied ?? 0) + (complaints?.Satisfied ?? 0) + (surveys?.Satisfied ?? 0));
        return TypedResults.Ok(new SatisfactionReportResponse(
            estate.Id,
            firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            from,
            to,
            Line(callbacks),
            Line(complaints),
            Line(surveys),
            Line(overall)));
    }

    private static SatisfactionLine Line(Tally? tally)
    {
        var rate = CallbackReports.Rate(tally?.Satisfied ?? 0, tally?.Answered ?? 0);
        return new(tally?.Answered ?? 0, tally?.Satisfied ?? 0, rate, CallbackReports.SatisfactionTarget,
            rate is null || rate >= CallbackReports.SatisfactionTarget);
    }

    private sealed record Tally(int Answered, int Satisfied);
}
