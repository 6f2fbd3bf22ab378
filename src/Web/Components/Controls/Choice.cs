namespace PropertyPlatform.Web.Components.Controls;

/// <summary>One option of a select: the value the API takes and the text people read.</summary>
public sealed record Choice(string Value, string Text);
