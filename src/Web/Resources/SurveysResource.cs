namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of satisfaction surveys, the owner's and the supervisor's: SurveysResource.resx (English) and SurveysResource.zh-CN.resx.</summary>
public sealed class SurveysResource;
