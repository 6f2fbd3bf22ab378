namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the desk's move-in wizard: MoveInResource.resx (English) and MoveInResource.zh-CN.resx.</summary>
public sealed class MoveInResource;
