namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the console and the portal: SharedResource.resx (English) and SharedResource.zh-CN.resx.</summary>
public sealed class SharedResource;
