namespace PropertyPlatform.Web.Resources;

/// <summary>
/// The texts of the field journeys (the technician, the dispatch board, the customer-service supervisor):
/// FieldResource.resx (English) and FieldResource.zh-CN.resx.
/// </summary>
public sealed class FieldResource;
