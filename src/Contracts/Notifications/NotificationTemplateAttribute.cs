namespace PropertyPlatform.Contracts.Notifications;

/// <summary>
/// Marks a constant that a service sends as <see cref="NotificationRequested.TemplateKey"/>. Reception's catalogue must
/// hold every marked key (an architecture test checks it): a key it does not know is recorded there as "no template" and
/// reaches nobody.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class NotificationTemplateAttribute : Attribute;
