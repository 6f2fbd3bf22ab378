namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of photos (the technician's completion photos, a customer request's photos): FieldPhotosResource.resx (English) and FieldPhotosResource.zh-CN.resx.</summary>
public sealed class FieldPhotosResource;
