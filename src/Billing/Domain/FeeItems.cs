namespace PropertyPlatform.Billing.Domain;

/// <summary>What a charge is for. Names travel as kebab-case text (<see cref="FeeItems.Name"/>), as in <c>ChargeRaised.FeeItem</c>.</summary>
public enum FeeItem
{
    ManagementFee,
    Parking,
    MaintenanceFund,
    Water,
    Electricity,
    PaidService,
    Other,
}

/// <summary>What a rate is multiplied by.</summary>
public enum RateBasis
{
    /// <summary>Per square metre of floor area per month (the management fee, the maintenance fund).</summary>
    PerSquareMetrePerMonth,

    /// <summary>Per rented parking space per month (<see cref="ParkingRental"/>).</summary>
    PerUnitPerMonth,

    /// <summary>Per m³ or kWh read from the meters.</summary>
    PerMeteredUnit,

    /// <summary>No rate: the amount comes with the charge (maintenance's paid work, parking overstays, other charges).</summary>
    Charged,
}

public static class FeeItems
{
    private static readonly Dictionary<FeeItem, string> Names = new()
    {
        [FeeItem.ManagementFee] = "management-fee",
        [FeeItem.Parking] = "parking",
        [FeeItem.MaintenanceFund] = "maintenance-fund",
        [FeeItem.Water] = "water",
        [FeeItem.Electricity] = "electricity",
        [FeeItem.PaidService] = "paid-service",
        [FeeItem.Other] = "other",
    };

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string Name(this FeeItem item) => Names[item];

    public static bool TryParse(string? name, out FeeItem item)
    {
        foreach (var (key, value) in Names)
        {
            if (string.Equals(value, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                item = key;
                return true;
            }
        }

        item = default;
        return false;
    }

    public static RateBasis Basis(this FeeItem item) => item switch
    {
        FeeItem.ManagementFee or FeeItem.MaintenanceFund => RateBasis.PerSquareMetrePerMonth,
        FeeItem.Parking => RateBasis.PerUnitPerMonth,
        FeeItem.Water or FeeItem.Electricity => RateBasis.PerMeteredUnit,
        _ => RateBasis.Charged,
    };

    /// <summary>Whether a billing run bills this item from a rate (metered items from the meter readings; charged items come as charges instead).</summary>
    public static bool IsBilledByRun(this FeeItem item) => item.Basis() != RateBasis.Charged;
}
