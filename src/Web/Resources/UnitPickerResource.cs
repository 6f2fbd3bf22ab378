namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the unit field (UnitPicker): UnitPickerResource.resx (English) and UnitPickerResource.zh-CN.resx.</summary>
public sealed class UnitPickerResource;
