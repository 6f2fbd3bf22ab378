namespace PropertyPlatform.Web.Components.Controls;

/// <summary>
/// On a page's <c>[SupplyParameterFromQuery]</c> id: the id only preselects a choice (the page ignores one it does not
/// know), so a garbled one is dropped and the page opens as without it, rather than the not-found page
/// (see <see cref="GarbledQueryIds"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreselectsAttribute : Attribute;
