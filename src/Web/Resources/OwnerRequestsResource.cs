namespace PropertyPlatform.Web.Resources;

/// <summary>
/// The texts of the owner's requests (follow a request, agree the visit, accept or reject the repair, the callback survey):
/// OwnerRequestsResource.resx (English) and OwnerRequestsResource.zh-CN.resx.
/// </summary>
public sealed class OwnerRequestsResource;
