namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of the gate's console: GateResource.resx (English) and GateResource.zh-CN.resx.</summary>
public sealed class GateResource;
