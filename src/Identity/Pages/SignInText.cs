namespace PropertyPlatform.Identity.Pages;

/// <summary>The sign-in pages' text: SignInText.resx (English) and SignInText.zh-Hans.resx (Simplified Chinese).</summary>
public sealed class SignInText;
