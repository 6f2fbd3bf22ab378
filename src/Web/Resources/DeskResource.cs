namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the front desk's further journeys (callbacks, counter, move-in): DeskResource.resx (English) and DeskResource.zh-CN.resx.</summary>
public sealed class DeskResource;
