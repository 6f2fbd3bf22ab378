namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the owner's bills and visitor passes: OwnerMoneyResource.resx (English) and OwnerMoneyResource.zh-CN.resx.</summary>
public sealed class OwnerMoneyResource;
