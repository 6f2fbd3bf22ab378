using System.Reflection;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Features.Notifications;

namespace PropertyPlatform.ArchitectureTests;

/// <summary>
/// A service asks reception for a message by template key; reception's catalogue holds the wording. A key the catalogue
/// does not hold is recorded as "no template" and reaches nobody, so every key a service sends must be there.
/// </summary>
public sealed class NotificationTemplateTests
{
    private static readonly string[] Services = ["Reception", "Maintenance", "Billing", "SecurityGate", "HrTraining"];

    /// <summary>Every constant marked <see cref="NotificationTemplateAttribute"/> in a service: where it is, and its key.</summary>
    private static IEnumerable<(string Where, string Key)> MarkedKeys() =>
        from service in Services
        from type in Assembly.Load($"PropertyPlatform.{service}").GetTypes()
        from field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        where field.IsLiteral && field.IsDefined(typeof(NotificationTemplateAttribute))
        select ($"{type.FullName}.{field.Name}", (string)field.GetRawConstantValue()!);

    [Fact]
    public void Every_template_key_a_service_sends_is_in_receptions_catalogue()
    {
        var marked = MarkedKeys().ToList();

        marked.Select(m => m.Key).Should().Contain(["dismissal-proposed", "certification-expiring", "payment-received", "parts-low-stock"],
            "the keys of hr-training, billing and maintenance are marked where they are declared");
        marked.Where(m => !NotificationTemplates.All.ContainsKey(m.Key)).Should().BeEmpty(
            "reception's NotificationTemplates.All must hold every key a service sends, with its fields and wording in every language");
    }
}
