namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of HR and training's console: TrainingResource.resx (English) and TrainingResource.zh-CN.resx.</summary>
public sealed class TrainingResource;
