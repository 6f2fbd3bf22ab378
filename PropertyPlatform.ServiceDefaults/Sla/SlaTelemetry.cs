using System.Diagnostics.Metrics;

namespace PropertyPlatform.ServiceDefaults.Sla;

/// <summary>The deadline monitor's metrics: clocks it had to set aside, per policy.</summary>
public static class SlaTelemetry
{
    public const string MeterName = "PropertyPlatform.Sla";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Parked = Meter.CreateCounter<long>(
        "sla.clocks.parked", unit: "{clock}", description: "Deadline clocks set aside because they could not be evaluated.");

    internal static void CountParked(string policy) => Parked.Add(1, new KeyValuePair<string, object?>("sla.policy", policy));
}
