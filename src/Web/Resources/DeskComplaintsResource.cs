namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the desk's complaints and key register: DeskComplaintsResource.resx (English) and DeskComplaintsResource.zh-CN.resx.</summary>
public sealed class DeskComplaintsResource;
