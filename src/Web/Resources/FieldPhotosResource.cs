namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the technician's completion photos: FieldPhotosResource.resx (English) and FieldPhotosResource.zh-CN.resx.</summary>
public sealed class FieldPhotosResource;
