using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Arrears;

public sealed record AgingBucketResponse(string Bucket, decimal Amount, int Units);

/// <summary>A unit's overdue money on the day asked for: per aging bucket, its oldest item, and where its dunning stands.</summary>
public sealed record UnitArrearsResponse(
    Guid UnitId, string UnitNumber, Guid? OwnerId, decimal Overdue, IReadOnlyDictionary<string, decimal> ByBucket, DateOnly OldestDueOn, int DaysPastDue,
    string Bucket, string? DunningStep, string? Reason);

public sealed record ArrearsReportResponse(
    Guid EstateId, DateOnly AsOf, string Currency, decimal Total, AgingBucketResponse[] Buckets, UnitArrearsResponse[] Units);

/// <summary>
/// A unit to act on before its arrears grow: <c>due-soon</c> (an open item falls due within the window) or
/// <c>overdue-not-dunned</c> (overdue, and the ladder has not started).
/// </summary>
public sealed record EarlyWarningResponse(Guid UnitId, string UnitNumber, Guid? OwnerId, string Why, decimal DueSoon, DateOnly? NextDueOn, decimal Overdue, int DaysPastDue);

public sealed record EarlyWarningListResponse(Guid EstateId, DateOnly Today, int WithinDays, string Currency, EarlyWarningResponse[] Units);

/// <summary>
/// Arrears at any time, with aging (0–30, 31–90, 91–180, &gt;180 estate-local days past due), and the early-warning list.
/// </summary>
public static class ArrearsApi
{
    public const int DefaultWarningDays = 7;

    public static RouteGroupBuilder MapArrearsApi(this RouteGroupBuilder api)
    {
        var arrears = api.MapGroup("/arrears").WithTags("Arrears");
        arrears.MapGet("/", Report).RequireRoles(BillingRoles.Readers);
        arrears.MapGet("/early-warning", EarlyWarning).RequireRoles(BillingRoles.Readers);
        return api;
    }

    /// <summary>The estate's arrears at the end of the estate-local day <paramref name="asOf"/> (default today), by unit, largest first.</summary>
    public static async Task<Ok<ArrearsReportResponse>> Report(
        BillingDbContext db, TimeProvider time, Guid? estateId, string? asOf, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var day = asOf is null ? (DateOnly?)null : errors.LocalDate(asOf, "asOf");
        errors.ThrowIfAny();
        var calendar = await BillingEstates.GetAsync(db, estate, cancellationToken);
        var localCalendar = calendar.ToCalendar();
        var today = localCalendar.LocalDay(time.GetUtcNow());
        var reportDay = day ?? today;
        var open = await OpenItemsAsOf.QueryAsync(db, estate, null, OpenItemsAsOf.EndOf(reportDay, localCalendar), cancellationToken);
        return TypedResults.Ok(await BuildAsync(db, estate, reportDay, calendar.Currency, open, cancellationToken));
    }

    internal static async Task<ArrearsReportResponse> BuildAsync(
        BillingDbContext db, Guid estateId, DateOnly asOf, string currency, IReadOnlyList<OpenItemAsOf> open, CancellationToken cancellationToken)
    {
        var overdue = open.Overdue(asOf).ToList();
        var unitIds = overdue.Select(i => i.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.UnitId))
            .Select(u => new { u.UnitId, u.Number, u.OwnerId }).ToDictionaryAsync(u => u.UnitId, cancellationToken);
        var cases = await db.ArrearsCases.AsNoTracking().Include(c => c.Reasons)
            .Where(c => unitIds.Contains(c.UnitId) && c.ClosedAt == null).ToDictionaryAsync(c => c.UnitId, cancellationToken);
        var rows = overdue.GroupBy(i => i.UnitId).Select(g =>
        {
            var oldest = g.Min(i => i.DueOn);
            var days = Aging.DaysPastDue(oldest, asOf);
            var unit = units.GetValueOrDefault(g.Key);
            var open = cases.GetValueOrDefault(g.Key);
            return new UnitArrearsResponse(
                g.Key, unit?.Number ?? "", unit?.OwnerId, g.Sum(i => i.Outstanding), ByBucket(g, asOf), oldest, days, Aging.Bucket(days),
                open?.Step is { } step ? DunningSteps.Name(step) : null, open?.CurrentReason?.Reason.ToString().ToLowerInvariant());
        }).OrderByDescending(u => u.Overdue).ThenBy(u => u.UnitNumber, StringComparer.Ordinal).ToArray();
        var buckets = Aging.Buckets.Select(b => new AgingBucketResponse(
            b, overdue.Where(i => Aging.Bucket(Aging.DaysPastDue(i.DueOn, asOf)) == b).Sum(i => i.Outstanding),
            overdue.Where(i => Aging.Bucket(Aging.DaysPastDue(i.DueOn, asOf)) == b).Select(i => i.UnitId).Distinct().Count())).ToArray();
        return new ArrearsReportResponse(estateId, asOf, currency, overdue.Sum(i => i.Outstanding), buckets, rows);
    }

    private static Dictionary<string, decimal> ByBucket(IEnumerable<OpenItemAsOf> items, DateOnly asOf) =>
        Aging.Buckets.ToDictionary(b => b, b => items.Where(i => Aging.Bucket(Aging.DaysPastDue(i.DueOn, asOf)) == b).Sum(i => i.Outstanding));

    /// <summary>Units with items falling due within <paramref name="withinDays"/> days (default 7), and overdue units not yet reminded.</summary>
    public static async Task<Ok<EarlyWarningListResponse>> EarlyWarning(
        BillingDbContext db, TimeProvider time, Guid? estateId, int? withinDays, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        if (withinDays is < 1 or > 60)
        {
            errors.Add("withinDays", "Must be between 1 and 60.");
        }

        errors.ThrowIfAny();
        var window = withinDays ?? DefaultWarningDays;
        var calendar = await BillingEstates.GetAsync(db, estate, cancellationToken);
        var now = time.GetUtcNow();
        var today = calendar.ToCalendar().LocalDay(now);
        var open = await OpenItemsAsOf.QueryAsync(db, estate, null, now, cancellationToken);
        var dunned = await db.ArrearsCases.AsNoTracking().Where(c => c.EstateId == estate && c.ClosedAt == null && c.Step != null)
            .Select(c => c.UnitId).ToListAsync(cancellationToken);
        var flagged = open.GroupBy(i => i.UnitId).Select(g =>
        {
            var dueSoon = g.Where(i => i.DueOn >= today && i.DueOn < today.AddDays(window)).ToList();
            var overdue = g.Overdue(today).ToList();
            var why = overdue.Count > 0 && !dunned.Contains(g.Key) ? "overdue-not-dunned" : dueSoon.Count > 0 ? "due-soon" : null;
            return (UnitId: g.Key, Why: why, DueSoon: dueSoon, Overdue: overdue);
        }).Where(x => x.Why is not null).ToList();
        var unitIds = flagged.Select(f => f.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.UnitId))
            .Select(u => new { u.UnitId, u.Number, u.OwnerId }).ToDictionaryAsync(u => u.UnitId, cancellationToken);
        var rows = flagged.Select(f => new EarlyWarningResponse(
                f.UnitId, units.GetValueOrDefault(f.UnitId)?.Number ?? "", units.GetValueOrDefault(f.UnitId)?.OwnerId, f.Why!,
                f.DueSoon.Sum(i => i.Outstanding), f.DueSoon.Count > 0 ? f.DueSoon.Min(i => i.DueOn) : null, f.Overdue.Sum(i => i.Outstanding),
                f.Overdue.Count > 0 ? Aging.DaysPastDue(f.Overdue.Min(i => i.DueOn), today) : 0))
            .OrderBy(r => r.Why, StringComparer.Ordinal).ThenByDescending(r => r.Overdue).ThenByDescending(r => r.DueSoon).ToArray();
        return TypedResults.Ok(new EarlyWarningListResponse(estate, today, window, calendar.Currency, rows));
    }
}
