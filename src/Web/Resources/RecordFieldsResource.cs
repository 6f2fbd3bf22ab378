namespace PropertyPlatform.Web.Resources;

/// <summary>
/// The services' field names as the KPI drill-down shows them, keyed by their JSON name: RecordFieldsResource.resx
/// (English) and RecordFieldsResource.zh-CN.resx. A field not listed reads as its name in words.
/// </summary>
public sealed class RecordFieldsResource;
