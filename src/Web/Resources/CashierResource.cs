namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the cashier's work on a unit found at the counter (charges, meter readings, parking rentals): CashierResource.resx (English) and CashierResource.zh-CN.resx.</summary>
public sealed class CashierResource;
