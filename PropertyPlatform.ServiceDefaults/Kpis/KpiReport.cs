using System.Globalization;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Kpis;

/// <summary>
/// One standard measured over a month: <see cref="Numerator"/> of <see cref="Denominator"/> records met it. Ratios are
/// decimal fractions (0.95, not 95); <see cref="Actual"/> is null when there was nothing to measure.
/// <see cref="RecordsLink"/> is the list endpoint that shows the records behind the numbers.
/// </summary>
public sealed record Kpi(string Key, string Standard, decimal Target, decimal? Actual, int Numerator, int Denominator, string RecordsLink)
{
    public static Kpi Measure(string key, string standard, decimal target, int numerator, int denominator, string recordsLink) =>
        new(key, standard, target, denominator == 0 ? null : Math.Round((decimal)numerator / denominator, 4), numerator, denominator, recordsLink);
}

/// <summary>The KPIs a service reports for one estate and one estate-local month (<c>yyyy-MM</c>).</summary>
public sealed record KpiReport(Guid EstateId, string Month, IReadOnlyList<Kpi> Kpis);

/// <summary>What every KPI endpoint is asked for: an estate the caller may see, and an estate-local month.</summary>
public sealed record KpiPeriod(Guid EstateId, DateOnly FirstDay)
{
    public string Month => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses <c>estateId</c> and <c>month</c> (400 naming each bad field). An estate outside the caller's scope is
    /// reported as not found, as the services' estate filters do, so KPIs don't reveal which estates exist.
    /// </summary>
    public static KpiPeriod Parse(Guid? estateId, string? month, EstateScope scope)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var firstDay = errors.Month(month, "month");
        errors.ThrowIfAny();
        if (!scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        return new KpiPeriod(estate, firstDay);
    }

    public KpiReport Report(IReadOnlyList<Kpi> kpis) => new(EstateId, Month, kpis);
}
