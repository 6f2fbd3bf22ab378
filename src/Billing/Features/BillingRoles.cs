using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features;

/// <summary>Who does what in billing, shared by its features. Group admins may do everything (<c>RequireRoles</c> admits them always).</summary>
internal static class BillingRoles
{
    /// <summary>Take payments at the counter: the cashier, and the estate manager who stands in for them.</summary>
    public static readonly string[] Cashiers = [PlatformRoles.Cashier, PlatformRoles.EstateManager];

    /// <summary>Propose rates and run billing: the estate manager.</summary>
    public static readonly string[] EstateManagers = [PlatformRoles.EstateManager];

    /// <summary>Approve rates: the group alone (a price change is the group's decision, not the estate's).</summary>
    public static readonly string[] RateApprovers = [];

    /// <summary>
    /// Correct, discount or write off what a unit owes: the estate manager. The cashier who takes the money does not also
    /// lower what is owed (segregation of duties); domain.md knows no finance role inside an estate.
    /// </summary>
    public static readonly string[] Adjusters = [PlatformRoles.EstateManager];

    /// <summary>Record meter readings: the staff of the billing office who read the meters (the cashier) and the estate manager.</summary>
    public static readonly string[] MeterReaders = [PlatformRoles.Cashier, PlatformRoles.EstateManager];

    /// <summary>Rent parking spaces to units and end the rentals: the billing office (the cashier) and the estate manager.</summary>
    public static readonly string[] ParkingLetters = [PlatformRoles.Cashier, PlatformRoles.EstateManager];

    /// <summary>Read rates, runs, bills, accounts and payments: everyone who works with them.</summary>
    public static readonly string[] Readers = [PlatformRoles.Cashier, PlatformRoles.EstateManager];
}
