namespace PropertyPlatform.Web.Api;

/// <summary>One standard measured over a month (ServiceDefaults' Kpi): fractions, <see cref="Actual"/> null without records.</summary>
public sealed record KpiView(string Key, string Standard, decimal Target, decimal? Actual, int Numerator, int Denominator, string RecordsLink)
{
    public bool Measured => Actual is not null;

    public bool Met => Actual is { } actual && actual >= Target;
}

/// <summary>A service's KPIs for an estate and an estate-local month (ServiceDefaults' KpiReport).</summary>
public sealed record KpiReportView(Guid EstateId, string Month, IReadOnlyList<KpiView> Kpis);
