namespace PropertyPlatform.Web.SignIn;

/// <summary>The signed-in session is gone (expired, signed out elsewhere, refresh refused): the user signs in again.</summary>
public sealed class SessionLostException(string message) : Exception(message);
