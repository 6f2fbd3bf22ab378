using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Features.Arrears;

/// <summary>The ladder's steps as the API names them.</summary>
public static class DunningSteps
{
    private static readonly Dictionary<DunningStep, string> Names = new()
    {
        [DunningStep.Reminder] = "reminder",
        [DunningStep.ButlerVisit] = "butler-visit",
        [DunningStep.FormalNotice] = "formal-notice",
        [DunningStep.LegalAction] = "legal-action",
    };

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string Name(DunningStep step) => Names[step];

    public static bool TryParse(string? name, out DunningStep step)
    {
        foreach (var (key, value) in Names)
        {
            if (string.Equals(value, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                step = key;
                return true;
            }
        }

        step = default;
        return false;
    }

    /// <summary>
    /// Reminders and butler visits are the estate's routine (cashiers and the manager); a formal notice and legal action
    /// commit the company, so the estate manager decides them.
    /// </summary>
    public static string[] RolesFor(DunningStep step) => step >= DunningStep.FormalNotice ? BillingRoles.EstateManagers : BillingRoles.Cashiers;
}
