namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the error pages: ErrorsResource.resx (English) and ErrorsResource.zh-CN.resx.</summary>
public sealed class ErrorsResource;
