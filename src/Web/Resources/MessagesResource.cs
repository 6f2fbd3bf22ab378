namespace PropertyPlatform.Web.Resources;

/// <summary>The texts of messages to the desk, notices and the owner's parcels: MessagesResource.resx (English) and MessagesResource.zh-CN.resx.</summary>
public sealed class MessagesResource;
