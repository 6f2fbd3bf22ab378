using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.ButlerVisits;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.Reception.Features.Surveys;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Kpis;

/// <summary>
/// Reception's standards (domain.md, Reception) measured over an estate-local month, in the platform's KPI shape.
/// Callback and satisfaction figures come from the existing monthly reports so the KPI and the report never disagree.
/// Butler visits have a yearly target per household (≥ 2 a year): their KPI is the year so far, up to the month's end.
/// </summary>
[KpiRecords(typeof(RequestsApi), nameof(RequestsApi.ListRequests))]
[KpiRecords(typeof(CallbacksApi), nameof(CallbacksApi.ListCallbacks))]
[KpiRecords(typeof(SatisfactionReport), nameof(SatisfactionReport.Monthly))]
[KpiRecords(typeof(ButlerVisitsApi), nameof(ButlerVisitsApi.Coverage))]
public static class ReceptionKpis
{
    public const decimal OnTimeTarget = 1.00m;

    public static RouteGroupBuilder MapReceptionKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", Monthly).WithTags("KPIs").RequireRoles(ReceptionRoles.Supervisors);
        return api;
    }

    public static async Task<Ok<KpiReport>> Monthly(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? month, CancellationToken cancellationToken)
    {
        var period = KpiPeriod.Parse(estateId, month, scope);
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == period.EstateId, cancellationToken)
            ?? throw new NotFoundException("Estate", period.EstateId);
        var (from, to) = estate.Calendar().LocalMonth(period.FirstDay);

        // Three counts rather than one GroupBy: EF cannot translate conditions on the owned SLA clocks inside a group.
        var received = db.Requests.AsNoTracking().Where(r => r.EstateId == estate.Id && r.ReceivedAt >= from && r.ReceivedAt < to);
        var receivedCount = await received.CountAsync(cancellationToken);
        var routedInTime = await received.CountAsync(r => r.Routing.CompletedAt != null && r.Routing.CompletedAt <= r.Routing.DueAt, cancellationToken);
        var feedbackInTime = await received.CountAsync(r => r.Feedback.CompletedAt != null && r.Feedback.CompletedAt <= r.Feedback.DueAt, cancellationToken);
        var (yearFrom, _) = ButlerVisit.LocalYear(estate.Calendar(), period.FirstDay.Year);
        var households = ButlerVisitsApi.Households(db, estate.Id, estate.Calendar(), yearFrom, to);
        var householdCount = await households.CountAsync(cancellationToken);
        var visitedTwice = await households.CountAsync(h => h.CompletedVisits >= ButlerVisit.RequiredPerYear, cancellationToken);
        var callbacks = (await CallbackReports.Monthly(db, time, estate.Id, period.Month, cancellationToken)).Value!;
        var satisfaction = (await SatisfactionReport.Monthly(db, estate.Id, period.Month, cancellationToken)).Value!;

        var requestsLink = $"/api/reception/requests?estateId={estate.Id}";
        return TypedResults.Ok(period.Report(
        [
            Kpi.Measure("routing-within-5-minutes", "A request is routed within 5 minutes of intake.", OnTimeTarget,
                routedInTime, receivedCount, requestsLink),
            Kpi.Measure("same-day-feedback", "The requester gets feedback on the same day.", OnTimeTarget,
                feedbackInTime, receivedCount, requestsLink),
            Kpi.Measure("repair-callback-rate", "Completed repairs are called back within 24 hours.", CallbackReports.RepairTarget,
                callbacks.Repairs.CalledInTime, callbacks.Repairs.Due, $"/api/reception/callbacks?estateId={estate.Id}"),
            Kpi.Measure("paid-service-callback-rate", "Paid and special services are all called back within 24 hours.", CallbackReports.PaidServiceTarget,
                callbacks.PaidServices.CalledInTime, callbacks.PaidServices.Due, $"/api/reception/callbacks?estateId={estate.Id}"),
            Kpi.Measure("callback-sample-rate", "At least the estate's sample (10 % unless raised) of other requests is chosen for a callback.",
                callbacks.OtherRequests.Target, callbacks.OtherRequests.Sampled, callbacks.OtherRequests.Eligible, $"/api/reception/callbacks?estateId={estate.Id}"),
            Kpi.Measure("owner-satisfaction", "Overall owner satisfaction (callbacks, complaints, surveys).", CallbackReports.SatisfactionTarget,
                satisfaction.Overall.Satisfied, satisfaction.Overall.Answered, $"/api/reception/satisfaction?estateId={estate.Id}&month={period.Month}"),
            Kpi.Measure("home-visits-twice-a-year", "Every occupied household is visited at least twice a year (the year so far, due by its end).", OnTimeTarget,
                visitedTwice, householdCount, $"/api/reception/butler-visits/coverage?estateId={estate.Id}&year={period.FirstDay.Year}"),
        ]));
    }
}
