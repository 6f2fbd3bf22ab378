namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// The unit's meters as read at a handover: water in m³, electricity in kWh, gas in m³ (null where the unit has no gas
/// meter). Exact decimals, so billing charges metered use from exactly these readings.
/// </summary>
public sealed record MeterReadings(decimal Water, decimal Electricity, decimal? Gas);
