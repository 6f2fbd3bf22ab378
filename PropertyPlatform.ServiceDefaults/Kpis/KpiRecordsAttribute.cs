namespace PropertyPlatform.ServiceDefaults.Kpis;

/// <summary>
/// On a service's KPI class (<c>Features/Kpis</c>): one endpoint its KPIs' <see cref="Kpi.RecordsLink"/>s point at, by
/// its handler (<paramref name="api"/>'s static method <paramref name="handler"/>). The manager's drill-down shows what
/// that endpoint answers with a column header per field, in each language; the architecture tests read the fields from
/// the handler's response type, so a field without a header fails there.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class KpiRecordsAttribute(Type api, string handler) : Attribute
{
    public Type Api { get; } = api;

    public string Handler { get; } = handler;
}
