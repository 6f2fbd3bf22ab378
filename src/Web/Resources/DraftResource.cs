namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of a form put back after a lost session: DraftResource.resx (English) and DraftResource.zh-CN.resx.</summary>
public sealed class DraftResource;
