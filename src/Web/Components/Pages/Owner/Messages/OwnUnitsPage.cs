using PropertyPlatform.Web.Api;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Owner.Messages;

/// <summary>
/// An owner's page about their own units (messages, notices, parcels): their units are loaded first, for the unit
/// names and each estate's clock (every date shown in the estate's time zone).
/// </summary>
public abstract class OwnUnitsPage : GatewayPage
{
    protected IReadOnlyList<OwnUnitView> Units { get; private set; } = [];

    /// <summary>Whether the units are in; false when the session was lost or reception failed.</summary>
    protected bool UnitsLoaded { get; private set; }

    protected string UnitLabel(Guid unitId) =>
        Units.FirstOrDefault(u => u.Id == unitId) is { } unit ? $"{unit.EstateName} · {unit.BuildingCode}-{unit.Number}" : "";

    /// <summary>The clock of one of the owner's estates (reception shows an owner only what is about their units).</summary>
    protected EstateTime? ClockOf(Guid estateId) =>
        Units.FirstOrDefault(u => u.EstateId == estateId) is { } unit ? new EstateTime(unit.TimeZoneId) : null;

    protected async Task LoadUnitsAsync()
    {
        var units = await CallAsync(g => g.GetAsync<PageOf<OwnUnitView>>("/api/reception/units/mine?limit=100"));
        (Units, UnitsLoaded) = units is { Succeeded: true } ? (units.Value!.Items, true) : ([], false);
    }
}
