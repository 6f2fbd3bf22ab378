using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Manager;

/// <summary>Records of any service as people read them: field names in the user's language, instants in the estate's time zone.</summary>
public static class RecordText
{
    public static bool IsScalar(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    /// <summary>
    /// An API's field name for people: <c>receivedAt</c> reads "Received at" (受理时间) from <paramref name="fields"/>
    /// (RecordFieldsResource); a field it lacks reads as its name in words.
    /// </summary>
    public static string Header(string name, IStringLocalizer fields) =>
        fields[name] is { ResourceNotFound: false } known ? known.Value : Words(name);

    private static string Words(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + string.Concat(name[1..].Select(c => char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c.ToString()));

    /// <summary>A value as text; instants in the estate's time zone, nested things summarised on one line.</summary>
    public static string Text(JsonElement value, EstateTime estate, IStringLocalizer fields) => value.ValueKind switch
    {
        JsonValueKind.String when IsInstant(value.GetString(), out var instant) => estate.DateAndTime(instant),
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        JsonValueKind.True => "✓",
        JsonValueKind.False => "✗",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Where(IsScalar).Select(v => Text(v, estate, fields))),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Where(p => IsScalar(p.Value)).Select(p => $"{Header(p.Name, fields)}: {Text(p.Value, estate, fields)}")),
        _ => value.GetRawText(),
    };

    /// <summary>An instant as the services write it (ISO 8601 with its offset); a plain date stays a date.</summary>
    private static bool IsInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is { Length: > 10 } && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
