using System.Globalization;
using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Desk.MoveIn;

/// <summary>
/// What the clerk types across the wizard's steps. Only numbers are read here (a reading that is not a number is not
/// sent as "no reading"); everything else is reception's to check, and its field errors come back by the request's
/// field names.
/// </summary>
public sealed class MoveInForm
{
    public string? UnitId { get; set; } = "";

    /// <summary>Estate-local, yyyy-MM-dd; the wizard starts it at today on the estate's clock.</summary>
    public string? MovedInOn { get; set; }

    public List<NewResident> Residents { get; } = [new()];

    public bool DocumentsChecked { get; set; }

    public string? KeysHandedOver { get; set; }

    public string? Water { get; set; }

    public string? Electricity { get; set; }

    public string? Gas { get; set; }

    public string? HandoverNotes { get; set; }

    /// <summary>The numbers typed that are not numbers, by reception's field names.</summary>
    public Dictionary<string, string[]> Unreadable(string notANumber)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(KeysHandedOver) && Keys() is null)
        {
            errors["keysHandedOver"] = [notANumber];
        }

        foreach (var (field, text) in new[] { ("meterReadings.water", Water), ("meterReadings.electricity", Electricity), ("meterReadings.gas", Gas) })
        {
            if (!string.IsNullOrWhiteSpace(text) && Number(text) is null)
            {
                errors[field] = [notANumber];
            }
        }

        return errors;
    }

    public MoveInBody ToBody(Guid estateId) => new(
        estateId,
        Guid.TryParse(UnitId, out var unit) ? unit : null,
        MovedInOn?.Trim(),
        DocumentsChecked,
        Keys(),
        new MoveInReadingsBody(Number(Water), Number(Electricity), Number(Gas)),
        string.IsNullOrWhiteSpace(HandoverNotes) ? null : HandoverNotes,
        [.. Residents.Select(r => new MoveInResidentBody(r.Kind, r.FullName, r.Phone))]);

    private int? Keys() => int.TryParse(KeysHandedOver?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var keys) ? keys : null;

    private static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>One person moving in: Owner (on the unit's owner roster), Tenant or Family.</summary>
public sealed class NewResident
{
    public string? Kind { get; set; } = "Tenant";

    public string? FullName { get; set; }

    public string? Phone { get; set; }
}
