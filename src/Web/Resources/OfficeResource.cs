namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the management office's screens, the cashier's counter and day and the estate manager's KPI board: OfficeResource.resx (English) and OfficeResource.zh-CN.resx.</summary>
public sealed class OfficeResource;
