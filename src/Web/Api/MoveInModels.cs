namespace PropertyPlatform.Web.Api;

/// <summary>Meter readings as reception takes them: water and gas in m³, electricity in kWh; gas left out without a gas meter.</summary>
public sealed record MoveInReadingsBody(decimal? Water, decimal? Electricity, decimal? Gas);

/// <summary>Someone moving in (reception's NewResidentInput): kind is Owner, Tenant or Family.</summary>
public sealed record MoveInResidentBody(string? Kind, string? FullName, string? Phone);

/// <summary>What the move-in wizard sends (reception's RecordMoveInCommand); the date is estate-local, yyyy-MM-dd.</summary>
public sealed record MoveInBody(
    Guid? EstateId,
    Guid? UnitId,
    string? MovedInOn,
    bool? DocumentsChecked,
    int? KeysHandedOver,
    MoveInReadingsBody? MeterReadings,
    string? HandoverNotes,
    MoveInResidentBody[]? Residents);

/// <summary>A resident as reception returns one (phone masked for those who may not see it whole).</summary>
public sealed record MoveInResidentView(Guid Id, Guid UnitId, Guid MoveInId, string Kind, string FullName, string Phone, DateOnly MovedInOn);

/// <summary>A recorded move-in as reception returns it.</summary>
public sealed record MoveInView(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    DateOnly MovedInOn,
    bool DocumentsChecked,
    int KeysHandedOver,
    decimal WaterReading,
    decimal ElectricityReading,
    decimal? GasReading,
    string? HandoverNotes,
    DateTimeOffset RecordedAt,
    IReadOnlyList<MoveInResidentView> Residents);
